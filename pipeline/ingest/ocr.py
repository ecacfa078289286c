"""OCR for PDF pages without a usable text layer: rapidocr with the models its wheel ships.

An optional extra (`pip install 'gongkai[ocr]'`); nothing is downloaded at run
time. The angle classifier is off (`use_cls=False`): on upright pages it
silently drops whole lines (TECH_NOTES §3).
"""

from __future__ import annotations

import importlib.util

RENDER_DPI = 200


class OcrEngine:
    """One engine per process, created on first use (loading the models takes ~1 s)."""

    def __init__(self) -> None:
        self.available = importlib.util.find_spec("rapidocr") is not None and (
            importlib.util.find_spec("onnxruntime") is not None
        )
        self._engine = None

    def _load(self):
        if self._engine is None:
            from rapidocr import RapidOCR

            self._engine = RapidOCR(params={"Global.log_level": "error"})
        return self._engine

    def read_page(self, page) -> list[str]:
        """The page's text lines, top to bottom (a pypdfium2 page in, strings out)."""
        image = page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
        result = self._load()(image, use_cls=False)
        boxes = [] if result.boxes is None else result.boxes.tolist()
        return lines_from_boxes(list(zip(boxes, result.txts or (), strict=False)))


def lines_from_boxes(found: list) -> list[str]:
    """Group OCR boxes (4 corner points, text) into lines by their vertical centres."""
    items = []
    for box, text in found:
        ys = [point[1] for point in box]
        xs = [point[0] for point in box]
        items.append(((min(ys) + max(ys)) / 2, max(ys) - min(ys), min(xs), text))
    items.sort()
    lines: list[list[tuple]] = []
    for item in items:
        if lines and abs(item[0] - lines[-1][0][0]) < 0.5 * max(item[1], lines[-1][0][1]):
            lines[-1].append(item)
        else:
            lines.append([item])
    return ["".join(text for *_, text in sorted(line, key=lambda i: i[2])) for line in lines]
