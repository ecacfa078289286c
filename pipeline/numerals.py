"""Chinese numerals (三, 二十六, 一百零五, 两千, 二〇〇九) to integers."""

from __future__ import annotations

DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10_000}
HAN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SCALES)


def han_to_int(text: str) -> int | None:
    """Value of a Chinese numeral, or None if `text` is not one."""
    if not text or any(ch not in DIGITS and ch not in SCALES for ch in text):
        return None
    if not any(ch in SCALES for ch in text):  # digit by digit: 二〇〇九
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    total = 0
    section = 0
    digit = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch == "万":
            section = (section + (digit or 0)) * 10_000
            total += section
            section, digit = 0, None
        else:
            section += (digit if digit is not None else 1) * SCALES[ch]
            digit = None
    return total + section + (digit or 0)


def number_value(text: str) -> int | None:
    """An Arabic or Chinese numeral as an integer."""
    return int(text) if text.isdigit() and text.isascii() else han_to_int(text)


def int_to_han(value: int) -> str:
    """1..99 as a Chinese numeral (一, 十, 十一, 二十六), as headings are numbered."""
    ones = "零一二三四五六七八九"
    if not 0 < value < 100:
        return str(value)
    if value < 10:
        return ones[value]
    tens, unit = divmod(value, 10)
    return ("" if tens == 1 else ones[tens]) + "十" + (ones[unit] if unit else "")
