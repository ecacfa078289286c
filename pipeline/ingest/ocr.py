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

    def read_boxes(self, page) -> list[tuple[float, float, float, float, str]]:
        """Text boxes (x0, top, x1, bottom in PDF points from the top left, text) of a pypdfium2 page."""
        scale = RENDER_DPI / 72
        image = page.render(scale=scale, grayscale=True).to_pil()
        result = self._load()(image, use_cls=False)
        boxes = [] if result.boxes is None else result.boxes.tolist()
        out = []
        for box, text in zip(boxes, result.txts or (), strict=False):
            xs = [point[0] / scale for point in box]
            ys = [point[1] / scale for point in box]
            out.append((min(xs), min(ys), max(xs), max(ys), text))
        return out


def lines_from_boxes(boxes: list[tuple[float, float, float, float, str]]) -> list[str]:
    """Group OCR boxes into lines by their vertical centres, left to right within a line."""
    items = sorted(((top + bottom) / 2, bottom - top, x0, text) for x0, top, _, bottom, text in boxes)
    lines: list[list[tuple]] = []
    for item in items:
        if lines and abs(item[0] - lines[-1][0][0]) < 0.5 * max(item[1], lines[-1][0][1]):
            lines[-1].append(item)
        else:
            lines.append([item])
    return ["".join(text for *_, text in sorted(line, key=lambda i: i[2])) for line in lines]
