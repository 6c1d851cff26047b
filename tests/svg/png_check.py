"""Checks a PNG screenshot: decodes it (no PIL needed) and counts pixels near given colours.
Usage: png_check.py FILE.png [#rrggbb:min_count ...]   exit 0 when the image is not all white
and every colour appears at least min_count times."""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), f"unsupported PNG depth {depth} type {ctype}"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 4 if ctype == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, [tuple(r[i:i + 3]) for r in rows for i in range(0, stride, bpp)]


def main():
    width, height, pixels = decode(sys.argv[1])
    white = sum(1 for p in pixels if p == (255, 255, 255))
    print(f"{width}x{height}, {len(pixels) - white} non-white pixels")
    ok = white < len(pixels)
    for spec in sys.argv[2:]:
        colour, minimum = spec.split(":")
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        n = sum(1 for p in pixels if all(abs(p[k] - rgb[k]) <= 40 for k in range(3)))
        print(f"{colour}: {n} pixels")
        ok = ok and n >= int(minimum)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
