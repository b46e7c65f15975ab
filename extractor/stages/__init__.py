"""Pipeline stages, one module each; `extractor.pipeline` holds their order."""
