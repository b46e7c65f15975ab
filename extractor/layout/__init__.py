"""The layout model shared by every backend: characters, words, lines, shapes and images.

Backends (`pdfium`, `pdfplumber`, `ocr`) only produce characters, shapes and images; every
later step (words, lines, reading order) is computed here from those, so all backends feed the
same code and yield the same document.
"""

from extractor.layout.model import Char, ImageBox, Line, PageLayout, Shape, Word

__all__ = ["Char", "ImageBox", "Line", "PageLayout", "Shape", "Word"]
