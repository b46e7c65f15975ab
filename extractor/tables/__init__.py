"""Table extraction: engines behind one interface, Swedish numbers, canonical keys, checks."""
