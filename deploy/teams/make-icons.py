#!/usr/bin/env python3
"""Draws the Teams app icons with the standard library only (no imaging package needed).

color.png   192x192: the accent colour edge to edge, a white warning sign kept inside the
            central 96x96 (48 px padding), as the Teams store asks.
outline.png 32x32:   a white warning sign on a transparent background, no other colours,
            no padding.
Run it again only to change the design; the PNGs are committed.
"""
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACCENT = (0xD1, 0x34, 0x38, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(path, pixels):
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + b"".join(struct.pack("4B", *p) for p in row) for row in pixels)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def inside_triangle(x, y, left, top, size):
    """An upward triangle with its base at top+size, apex at (left+size/2, top)."""
    cx = left + size / 2
    if y < top or y > top + size:
        return False
    half = (y - top) / size * (size / 2)
    return cx - half <= x <= cx + half


def warning(size, x, y, left, top, stroke):
    """1 on the sign's outline or its exclamation mark, 0 elsewhere."""
    px, py = x + 0.5, y + 0.5
    outer = inside_triangle(px, py, left, top, size)
    inner = inside_triangle(px, py, left + stroke * 1.7, top + stroke * 2.6, size - stroke * 3.4)
    cx = left + size / 2
    bar = abs(px - cx) <= stroke * 0.6 and top + size * 0.36 <= py <= top + size * 0.68
    dot = abs(px - cx) <= stroke * 0.6 and top + size * 0.76 <= py <= top + size * 0.86
    return (outer and not inner) or bar or dot


def color_icon():
    size = 192
    sign, left, top = 96, 48, 48
    return [[WHITE if warning(sign, x, y, left, top, 7) else ACCENT for x in range(size)] for y in range(size)]


def outline_icon():
    size = 32
    return [[WHITE if warning(size, x, y, 0, 0, 2.2) else CLEAR for x in range(size)] for y in range(size)]


if __name__ == "__main__":
    png(HERE / "color.png", color_icon())
    png(HERE / "outline.png", outline_icon())
    print("wrote color.png (192x192) and outline.png (32x32)")
