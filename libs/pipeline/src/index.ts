// Public API of @topicops/pipeline: the pipeline stages shared by the CLI, the worker, the scheduler and the API
