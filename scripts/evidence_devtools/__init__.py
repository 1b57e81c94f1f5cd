"""Development tools: synthetic corpora, accuracy scoring, benchmarks. Not part of the runtime package."""
