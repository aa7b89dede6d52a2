import request from 'supertest';
import { TOPIC_WORDS, promoteNewVersion, topicText } from './support/model-fixture';
import { TestApp, startTestApp } from './support/test-app';

// Both paths must behave the same: the fast lane (default) and the regular Nest route.
describe.each([
  ['fast lane', true],
  ['Nest route', false],
])('POST /v1/predictions (%s)', (_path, predictionsFastLane) => {
  let t: TestApp;
  let version: string;
  const post = (body: unknown) => request(t.app.getHttpServer()).post('/v1/predictions').send(body as object);

  beforeAll(async () => {
    t = await startTestApp(`predictions_${predictionsFastLane ? 'fast' : 'nest'}`, {
      overrides: { apiEnv: { predictionsFastLane } },
      env: { MAX_BATCH_TEXTS: '5', MAX_TEXT_CHARS: '1100000', BODY_LIMIT: '2mb' },
      prepare: async ({ tracking }) => {
        version = await promoteNewVersion(tracking);
      },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives the topic mixture of one text, sorted, with top words and the answering model', async () => {
    const res = await post({ text: `Notizie: ${topicText(1)}.` }).expect(200);
    expect(res.body.model).toEqual({ name: 'topicops-lda', version });
    expect(res.body.predictions).toHaveLength(1);
    const [prediction] = res.body.predictions;
    expect(prediction.dominantTopic).toBe(1);
    expect(prediction.tokens).toBe(30);
    const probabilities = prediction.topics.map((topic: { probability: number }) => topic.probability);
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
    expect(probabilities[0]).toBeGreaterThan(0.8);
    expect(prediction.topics[0].words).toHaveLength(10);
    expect(TOPIC_WORDS[1]).toEqual(expect.arrayContaining(prediction.topics[0].words));
  });

  it('answers a batch in input order and honours minimumProbability and topWords', async () => {
    const res = await post({ texts: [topicText(2), topicText(0), topicText(1)], minimumProbability: 0.5, topWords: 3 }).expect(200);
    expect(res.body.predictions.map((p: { dominantTopic: number }) => p.dominantTopic)).toEqual([2, 0, 1]);
    for (const prediction of res.body.predictions) {
      expect(prediction.topics).toHaveLength(1);
      expect(prediction.topics[0].words).toHaveLength(3);
    }
  });

  it('has no dominant topic for a text without a known word', async () => {
    const res = await post({ text: 'Zyxwv qwerty asdfgh' }).expect(200);
    expect(res.body.predictions[0]).toMatchObject({ tokens: 0, dominantTopic: null });
  });

  it.each([
    ['quotes', `"scuola" 'maestro' \`classe\``],
    ['SQL', "scuola'; DROP TABLE documents; -- maestro"],
    ['NUL bytes', 'scuola\u0000maestro\u0000\u0000classe'],
    ['mixed scripts', 'scuola Школа 学校 مدرسة maestro'],
    ['emoji', 'scuola 🏫👩‍🏫 maestro 📚 classe'],
  ])('treats hostile text (%s) as text', async (_label, text) => {
    const res = await post({ text }).expect(200);
    expect(res.body.predictions[0].dominantTopic).toBe(0);
  });

  it('handles a megabyte of one word, and a megabyte of one known word repeated', async () => {
    const unknown = await post({ text: 'a'.repeat(1_000_000) }).expect(200);
    expect(unknown.body.predictions[0]).toMatchObject({ tokens: 0, dominantTopic: null });
    const known = await post({ text: 'scuola '.repeat(150_000) }).expect(200);
    expect(known.body.predictions[0]).toMatchObject({ tokens: 150_000, dominantTopic: 0 });
  });

  it.each([
    ['an empty text', { text: '' }, /text is empty/],
    ['a blank text', { text: ' \n\t ' }, /text is empty/],
    ['an empty item', { texts: ['scuola', ''] }, /texts\[1\] is empty/],
    ['a too long text', { text: 'x'.repeat(1_100_001) }, /at most 1100000 are allowed \(MAX_TEXT_CHARS\)/],
    ['too many texts', { texts: ['a', 'b', 'c', 'd', 'e', 'f'] }, /at most 5 are allowed per request \(MAX_BATCH_TEXTS\)/],
    ['text and texts', { text: 'a', texts: ['b'] }, /either text or texts/],
    ['neither', {}, /Send the text/],
    ['a number as text', { text: 42 }, /text must be a string/],
    ['texts not an array', { texts: 'scuola' }, /texts must be an array/],
    ['a number in texts', { texts: ['scuola', 7] }, /each item of texts must be a string/],
    ['an empty texts array', { texts: [] }, /texts must not be empty/],
    ['a string probability', { text: 'scuola', minimumProbability: '0.5' }, /minimumProbability must be a number/],
    ['a probability above 1', { text: 'scuola', minimumProbability: 2 }, /minimumProbability must be at most 1/],
    ['fractional topWords', { text: 'scuola', topWords: 2.5 }, /topWords must be an integer/],
    ['an unknown field', { text: 'scuola', model: '1' }, /model is not a known field/],
    ['an array body', ['scuola'], /must be a JSON object/],
  ])('refuses %s with 400 and a clear message', async (_label, body, message) => {
    const res = await post(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });
    expect([res.body.message, ...(res.body.details ?? [])].join(' ')).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat \S+\.(ts|js):\d+/);
  });

  it('refuses invalid JSON, non-JSON bodies and bodies over BODY_LIMIT', async () => {
    const server = t.app.getHttpServer();
    const invalid = await request(server).post('/v1/predictions').set('content-type', 'application/json').send('{"text": "scuola"').expect(400);
    expect(invalid.body.requestId).toBe(invalid.headers['x-request-id']);
    await request(server).post('/v1/predictions').set('content-type', 'text/plain').send('scuola').expect(415);
    const huge = await post({ text: 'parola'.repeat(400_000) }).expect(413);
    expect(huge.body.message).toMatch(/BODY_LIMIT/);
  });

  it('counts predictions, latencies and errors in /metrics', async () => {
    const before = await request(t.app.getHttpServer()).get('/metrics').expect(200);
    const predicted = (text: string) => Number(/^topicops_predictions_total\{model_version="1"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    await post({ texts: [topicText(0), topicText(1)] }).expect(200);
    await post({ text: '' }).expect(400);
    const after = await request(t.app.getHttpServer()).get('/metrics').expect(200);
    expect(predicted(after.text) - predicted(before.text)).toBe(2);
    expect(after.text).toMatch(/^topicops_http_request_duration_seconds_count\{method="POST",route="\/v1\/predictions",status_code="200"\} [1-9]\d*$/m);
    expect(after.text).toMatch(/^topicops_http_errors_total\{status_code="400"\} [1-9]\d*$/m);
  });

  it('keeps a safe incoming request id and replaces an unsafe one', async () => {
    const server = t.app.getHttpServer();
    const kept = await request(server).post('/v1/predictions').set('x-request-id', 'client-42.a').send({ text: 'scuola' }).expect(200);
    expect(kept.headers['x-request-id']).toBe('client-42.a');
    const replaced = await request(server).post('/v1/predictions').set('x-request-id', 'evil id <script>').send({ text: 'scuola' });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
