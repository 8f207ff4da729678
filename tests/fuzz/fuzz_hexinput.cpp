// parseHex() on arbitrary text (the input read as UTF-8): what it accepts
// reads back through toHexText(), and what it refuses points inside the text.
#include "fuzzcheck.h"
#include "hexinput.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    const HexParseResult result = parseHex(text);
    if (result.ok) {
        FUZZ_CHECK(result.errorPosition == -1 && result.error.isEmpty());
        FUZZ_CHECK(result.bytes.size() <= text.size() / 2);
        const HexParseResult again = parseHex(toHexText(result.bytes));
        FUZZ_CHECK(again.ok && again.bytes == result.bytes);
    } else {
        FUZZ_CHECK(0 <= result.errorPosition && result.errorPosition < text.size());
        FUZZ_CHECK(!result.error.isEmpty() && result.bytes.isEmpty());
    }
    return 0;
}
