import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const API_VERSION = '1.0.0';

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json. */
export function setUpSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TopicOps API')
      .setDescription(
        'Topic mixtures of texts from the champion LDA model, the topics themselves and how they spread over time and ' +
          'publications, model and KPI history, and retraining runs. Errors share one shape: ' +
          '{ statusCode, error, message, details?, requestId }.',
      )
      .setVersion(API_VERSION)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Or Authorization: Bearer <key>' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'TopicOps API' });
}
