#!/usr/bin/python3
"""Benchmark fixture (not part of the product): the prediction API a Python team would write.

FastAPI + uvicorn (2 worker processes) + gensim LdaModel.get_document_topics, serving the same model as
the TopicOps API: tools/bench/api-bench.ts exports the model's lambda, alpha, eta, vocabulary and
stopwords into a folder and starts this peer on it.

  fastapi_peer.py --model-dir DIR [--port 8001] [--workers 2]

DIR holds lambda.f32 (K*V float32, little-endian, row-major), meta.json {"alpha": [..K], "eta": [..V] or
number}, vocab.json (token list in id order) and stopwords.json (list). Needs Debian's python3-fastapi,
python3-uvicorn and python3-gensim.
"""
import argparse
import json
import os
import re

import numpy as np

MODEL_DIR_ENV = 'TOPICOPS_PEER_MODEL_DIR'
WORD = re.compile(r'[a-zà-öø-ÿ]+')


def load_model(model_dir):
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    with open(os.path.join(model_dir, 'vocab.json'), encoding='utf-8') as f:
        vocab = json.load(f)
    with open(os.path.join(model_dir, 'meta.json'), encoding='utf-8') as f:
        meta = json.load(f)
    with open(os.path.join(model_dir, 'stopwords.json'), encoding='utf-8') as f:
        stopwords = frozenset(json.load(f))
    num_terms = len(vocab)
    lam = np.fromfile(os.path.join(model_dir, 'lambda.f32'), dtype='<f4').reshape(-1, num_terms).astype(np.float64)
    dictionary = Dictionary()
    dictionary.token2id = {token: i for i, token in enumerate(vocab)}
    dictionary.id2token = dict(enumerate(vocab))
    eta = np.broadcast_to(np.asarray(meta['eta'], dtype=np.float64), (num_terms,)).copy()
    model = LdaModel(num_topics=lam.shape[0], id2word=dictionary, alpha=np.asarray(meta['alpha'], dtype=np.float64),
                     eta=eta, iterations=50, gamma_threshold=0.001, random_state=1)
    model.state.sstats[...] = lam - eta
    model.sync_state()
    return model, dictionary, stopwords


def create_app(model_dir):
    from fastapi import FastAPI, HTTPException
    from pydantic import BaseModel, Field

    model, dictionary, stopwords = load_model(model_dir)
    top_words = {t: [w for w, _ in model.show_topic(t, topn=10)] for t in range(model.num_topics)}

    class PredictRequest(BaseModel):
        text: str = Field(min_length=1, max_length=200_000)
        minimumProbability: float = Field(default=0.01, ge=0, le=1)

    app = FastAPI(title='gensim peer')

    @app.post('/v1/predictions')
    def predict(body: PredictRequest):
        tokens = [w for w in WORD.findall(body.text.lower()) if len(w) > 2 and w not in stopwords]
        bow = dictionary.doc2bow(tokens)
        if not bow:
            raise HTTPException(status_code=400, detail='no known word in the text')
        topics = sorted(model.get_document_topics(bow, minimum_probability=body.minimumProbability), key=lambda p: -p[1])
        return {
            'model': {'name': 'gensim-peer', 'version': '1'},
            'predictions': [{
                'topics': [{'topic': int(t), 'probability': float(p), 'words': top_words[int(t)]} for t, p in topics],
                'dominantTopic': int(topics[0][0]) if topics else None,
                'tokens': int(sum(c for _, c in bow)),
            }],
        }

    return app


def app_factory():
    return create_app(os.environ[MODEL_DIR_ENV])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--model-dir', required=True)
    parser.add_argument('--port', type=int, default=8001)
    parser.add_argument('--workers', type=int, default=2)
    args = parser.parse_args()
    os.environ[MODEL_DIR_ENV] = os.path.abspath(args.model_dir)
    import uvicorn
    uvicorn.run('fastapi_peer:app_factory', factory=True, host='127.0.0.1', port=args.port, workers=args.workers,
                log_level='warning', access_log=False, app_dir=os.path.dirname(os.path.abspath(__file__)))


if __name__ == '__main__':
    main()
