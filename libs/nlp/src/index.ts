// Public API of @topicops/nlp: tokenisation, stopwords, stemming, lemmas, phrases, dictionary, bag-of-words
