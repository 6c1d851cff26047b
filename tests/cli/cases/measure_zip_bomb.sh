# A zip-bomb 3MF (small file, 100 MB inflated) is refused from its declared sizes, before
# anything large is inflated, with one error line and exit 3; so is a member whose header lies.
python3 - <<'PY'
import struct, zipfile, zlib
types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>'
rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Target="/3D/3dmodel.model" Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/></Relationships>'
model = b'<?xml version="1.0"?><model unit="millimeter" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02">' + b' ' * 100_000_000 + b'</model>'
with zipfile.ZipFile('bomb.3mf', 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr('[Content_Types].xml', types)
    z.writestr('_rels/.rels', rels)
    z.writestr('3D/3dmodel.model', model)
# The same member with a header claiming 300 bytes: the reader must stop at the declared size.
with zipfile.ZipFile('liar.3mf', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', types)
    z.writestr('_rels/.rels', rels)
    z.writestr('3D/3dmodel.model', model[:20_000_000])
data = bytearray(open('liar.3mf', 'rb').read())
true_size = 20_000_000
for sig, off in ((b'PK\x03\x04', 22), (b'PK\x01\x02', 24)):
    start = 0
    while (i := data.find(sig, start)) >= 0:
        if struct.unpack_from('<I', data, i + off)[0] == true_size:
            struct.pack_into('<I', data, i + off, 300)
        start = i + 4
open('liar.3mf', 'wb').write(bytes(data))
PY
test "$(stat -c %s bomb.3mf)" -lt 200000
expect 3 -- measure bomb.3mf
same_out </dev/null
err_has 'archipel: error: bomb.3mf: 3MF package part 3D/3dmodel.model declares a compression ratio of '
err_has ':1, over the limit of 100:1 (zip bomb?)'
test "$(wc -l <"$WORK/err")" = 1
expect 3 -- measure liar.3mf --json
same_out </dev/null
err_has 'archipel: error: liar.3mf: 3MF package part 3D/3dmodel.model'
test "$(wc -l <"$WORK/err")" = 1
