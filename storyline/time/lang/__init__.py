"""Language data for the time engine: one module per language code (`en`), words and regex fragments only."""
