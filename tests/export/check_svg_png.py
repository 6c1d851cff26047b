"""Checks Chromium's screenshot of an SVG written by `archipel export` against `archipel measure
--json` of the part: at 96 px per inch (1 mm = 96/25.4 px, the SVG being 1:1 in millimetres with a
1 mm margin and y pointing up), every through hole's centre is background (white), its edge is
drawn, and for a round part nothing is drawn on its bounding box away from the circle (a disc
comes out round, not square). Usage: check_svg_png.py SHOT.png MEASURE.json"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "svg"))
from png_check import decode  # noqa: E402

PX = 96 / 25.4
MARGIN = 1.0


def main():
    width, height, pixels = decode(sys.argv[1])
    m = json.load(open(sys.argv[2]))
    size_y = m["size_mm"][1]

    def pixel(x_mm, y_mm):
        px, py = round((x_mm + MARGIN) * PX - 0.5), round((size_y + MARGIN - y_mm) * PX - 0.5)
        assert 0 <= px < width and 0 <= py < height, f"({x_mm}, {y_mm}) mm is off the screenshot"
        return pixels[py * width + px]

    def white(p):
        return all(c >= 245 for c in p)

    def drawn_near(x_mm, y_mm):  # a stroke within half a millimetre
        for dx in (-0.4, -0.2, 0, 0.2, 0.4):
            for dy in (-0.4, -0.2, 0, 0.2, 0.4):
                p = pixel(x_mm + dx, y_mm + dy)
                if p[0] > p[1] + 15 and p[0] > p[2] + 15:  # red, however faint (a 0.1 mm stroke)
                    return True
        return False

    holes = [h for h in m["holes"] if abs(abs(h["axis"][2]) - 1) < 1e-6]
    assert holes, "no hole to check"
    for h in holes:
        x, y, r = h["center_mm"][0], h["center_mm"][1], h["diameter_mm"] / 2
        if not h["boss"]:
            assert white(pixel(x, y)), f"hole centre ({x}, {y}) is not background: {pixel(x, y)}"
        for k in range(8):
            a = k * math.pi / 4
            assert drawn_near(x + r * math.cos(a), y + r * math.sin(a)), f"edge of hole at ({x}, {y}) not drawn"
        if h["boss"]:  # a round outline: nothing drawn on its bounding box away from the circle
            for cx, cy in ((x - r, y - 0.8 * r), (x + r, y + 0.8 * r), (x - 0.8 * r, y + r), (x + 0.8 * r, y - r)):
                assert not drawn_near(cx, cy), f"({cx:.1f}, {cy:.1f}) on the box of a round part is drawn"
                assert white(pixel(cx, cy)), f"({cx:.1f}, {cy:.1f}) on the box of a round part is not background"
    print(f"{width}x{height}: {len(holes)} holes and bosses drawn where measured")


main()
