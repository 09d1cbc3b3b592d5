"""Stage 3: extractors. Each module has one public ``extract`` function."""
