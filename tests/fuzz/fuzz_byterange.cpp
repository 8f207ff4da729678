// Net::parseByteRange: the first 8 bytes give the representation's size,
// the rest is the Range header value. A Partial range always lies in the file.
#include "fuzzcheck.h"
#include "http/byterange.h"

#include <QByteArray>
#include <QtEndian>

#include <cstdint>

using namespace Net;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < sizeof(qint64))
        return 0;
    // Negative and huge sizes included: the parser must cope with any qint64.
    const qint64 fileSize = qFromLittleEndian<qint64>(data);
    const QByteArray header = QByteArray::fromRawData(reinterpret_cast<const char *>(data) + sizeof(qint64),
                                                      qsizetype(size - sizeof(qint64)));
    const ByteRange range = parseByteRange(header, fileSize);
    if (range.kind == ByteRange::Kind::Partial) {
        FUZZ_CHECK(0 <= range.first && range.first <= range.last && range.last < fileSize);
        FUZZ_CHECK(range.length() >= 1 && range.length() <= fileSize);
    }
    return 0;
}
