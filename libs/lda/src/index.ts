// Public API of @topicops/lda: online variational Bayes LDA over tfjs tensors, inference, model files
