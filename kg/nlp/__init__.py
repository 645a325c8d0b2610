"""Language: sentences and part-of-speech tokens, the genre's vocabulary, name normalisation."""
