// Public API of @topicops/tracking: MLflow tracking and model registry: REST client and file store
