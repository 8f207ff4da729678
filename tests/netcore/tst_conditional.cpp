#include "http/conditional.h"
#include "http/httprequest.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Net;

Q_DECLARE_METATYPE(Net::Precondition)

class tst_Conditional : public QObject
{
    Q_OBJECT

private slots:
    void etagList_data();
    void etagList();
    void preconditions_data();
    void preconditions();
    void withoutValidators();
    void ifRange_data();
    void ifRange();
};

namespace {

// Builds a request the way the parser would leave it, without the parser:
// one head buffer and spans into it. `headers` holds "Name: value" lines
// separated by '\n'.
HttpRequest makeRequest(const QByteArray &method, const QByteArray &headers)
{
    HttpRequest request;
    QByteArray head = method + " / HTTP/1.1\r\n";
    request.method = {0, int(method.size())};
    request.target = {int(method.size()) + 1, 1};
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.first(colon);
        const QByteArray value = line.sliced(colon + 1).trimmed();
        HttpRequest::Field field;
        field.name = {int(head.size()), int(name.size())};
        head += name + ": ";
        field.value = {int(head.size()), int(value.size())};
        head += value + "\r\n";
        request.fields.append(field);
    }
    request.head = head + "\r\n";
    return request;
}

const QByteArray CurrentTag = "\"v1\""_ba;
const QDateTime LastModified(QDate(2024, 1, 1), QTime(12, 0, 0), Qt::UTC);
constexpr QByteArrayView Before = "Sun, 31 Dec 2023 12:00:00 GMT";
constexpr QByteArrayView Same = "Mon, 01 Jan 2024 12:00:00 GMT";
constexpr QByteArrayView After = "Tue, 02 Jan 2024 12:00:00 GMT";

QByteArray field(QByteArrayView name, QByteArrayView value)
{
    return name.toByteArray() + ": " + value.toByteArray();
}

} // namespace

void tst_Conditional::etagList_data()
{
    QTest::addColumn<QByteArray>("list");
    QTest::addColumn<QByteArray>("etag");
    QTest::addColumn<bool>("weak");
    QTest::addColumn<bool>("expected");

    QTest::addRow("star") << "*"_ba << CurrentTag << false << true;
    QTest::addRow("star with ows") << " * "_ba << CurrentTag << false << true;
    QTest::addRow("exact strong") << "\"v1\""_ba << CurrentTag << false << true;
    QTest::addRow("different") << "\"v2\""_ba << CurrentTag << true << false;
    QTest::addRow("in list") << "\"a\", \"v1\", \"b\""_ba << CurrentTag << false << true;
    QTest::addRow("in list no ows") << "\"a\",\"v1\""_ba << CurrentTag << false << true;
    QTest::addRow("in list tabs") << "\"a\"\t,\t\"v1\""_ba << CurrentTag << false << true;
    QTest::addRow("empty elements") << ", ,\"v1\","_ba << CurrentTag << false << true;
    QTest::addRow("weak list entry, weak compare") << "W/\"v1\""_ba << CurrentTag << true << true;
    QTest::addRow("weak list entry, strong compare") << "W/\"v1\""_ba << CurrentTag << false << false;
    QTest::addRow("weak own tag, weak compare") << "\"v1\""_ba << "W/\"v1\""_ba << true << true;
    QTest::addRow("weak own tag, strong compare") << "\"v1\""_ba << "W/\"v1\""_ba << false << false;
    QTest::addRow("lower-case w is no prefix") << "w/\"v1\""_ba << CurrentTag << true << false;
    QTest::addRow("unquoted") << "v1"_ba << CurrentTag << true << false;
    QTest::addRow("comma inside tag") << "\"a,b\", \"v1\""_ba << CurrentTag << false << true;
    QTest::addRow("comma inside tag matches") << "\"x\", \"a,b\""_ba << "\"a,b\""_ba << false << true;
    QTest::addRow("quote prefix only") << "\"v1"_ba << CurrentTag << true << false;
    QTest::addRow("garbage before match") << "junk, \"v1\""_ba << CurrentTag << true << false;
    QTest::addRow("missing comma") << "\"a\" \"v1\""_ba << CurrentTag << true << false;
    QTest::addRow("space inside tag") << "\"v 1\""_ba << "\"v 1\""_ba << true << false;
    QTest::addRow("empty list") << QByteArray() << CurrentTag << true << false;
    QTest::addRow("empty tag matches empty tag") << "\"\""_ba << "\"\""_ba << false << true;
    QTest::addRow("no own tag") << "\"v1\""_ba << QByteArray() << true << false;
    QTest::addRow("star without own tag") << "*"_ba << QByteArray() << true << true;
    QTest::addRow("case matters") << "\"V1\""_ba << CurrentTag << true << false;
}

void tst_Conditional::etagList()
{
    QFETCH(QByteArray, list);
    QFETCH(QByteArray, etag);
    QFETCH(bool, weak);
    QFETCH(bool, expected);
    QCOMPARE(etagListMatches(list, etag, weak), expected);
}

namespace {

using P = Precondition;

// Steps 1 and 2: the conditions that fail with 412.
void addMatchRows()
{
    QTest::addRow("none") << "GET"_ba << QByteArray() << P::Proceed;
    QTest::addRow("unrelated fields") << "GET"_ba << "Host: x\nAccept: */*"_ba << P::Proceed;

    // Step 1: If-Match, strong comparison.
    QTest::addRow("if-match hit") << "GET"_ba << field("If-Match", "\"v1\"") << P::Proceed;
    QTest::addRow("if-match star") << "GET"_ba << field("If-Match", "*") << P::Proceed;
    QTest::addRow("if-match list") << "GET"_ba << field("If-Match", "\"x\", \"v1\"") << P::Proceed;
    QTest::addRow("if-match miss") << "GET"_ba << field("If-Match", "\"v2\"") << P::PreconditionFailed;
    QTest::addRow("if-match weak") << "GET"_ba << field("If-Match", "W/\"v1\"") << P::PreconditionFailed;
    QTest::addRow("if-match garbage") << "GET"_ba << field("If-Match", "v1") << P::PreconditionFailed;
    QTest::addRow("if-match on second line") << "GET"_ba
                                             << field("If-Match", "\"x\"") + '\n' + field("If-Match", "\"v1\"")
                                             << P::Proceed;
    QTest::addRow("field name case") << "GET"_ba << field("if-match", "\"v2\"") << P::PreconditionFailed;
    QTest::addRow("if-match hides if-unmodified-since")
        << "GET"_ba << field("If-Match", "\"v1\"") + '\n' + field("If-Unmodified-Since", Before) << P::Proceed;

    // Step 2: If-Unmodified-Since, only without If-Match.
    QTest::addRow("ius same") << "GET"_ba << field("If-Unmodified-Since", Same) << P::Proceed;
    QTest::addRow("ius after") << "GET"_ba << field("If-Unmodified-Since", After) << P::Proceed;
    QTest::addRow("ius before") << "GET"_ba << field("If-Unmodified-Since", Before) << P::PreconditionFailed;
    QTest::addRow("ius garbage ignored") << "GET"_ba << field("If-Unmodified-Since", "soon") << P::Proceed;
}

// Steps 3 and 4: the conditions that answer 304.
void addNoneMatchRows()
{
    // Step 3: If-None-Match, weak comparison.
    QTest::addRow("inm hit") << "GET"_ba << field("If-None-Match", "\"v1\"") << P::NotModified;
    QTest::addRow("inm hit head") << "HEAD"_ba << field("If-None-Match", "\"v1\"") << P::NotModified;
    QTest::addRow("inm weak hit") << "GET"_ba << field("If-None-Match", "W/\"v1\"") << P::NotModified;
    QTest::addRow("inm star") << "GET"_ba << field("If-None-Match", "*") << P::NotModified;
    QTest::addRow("inm list") << "GET"_ba << field("If-None-Match", "\"a\", W/\"v1\"") << P::NotModified;
    QTest::addRow("inm miss") << "GET"_ba << field("If-None-Match", "\"v2\"") << P::Proceed;
    QTest::addRow("inm on second line") << "GET"_ba
                                        << field("If-None-Match", "\"a\"") + '\n' + field("If-None-Match", "\"v1\"")
                                        << P::NotModified;
    QTest::addRow("inm hit on post") << "POST"_ba << field("If-None-Match", "\"v1\"") << P::PreconditionFailed;
    QTest::addRow("inm miss hides ims")
        << "GET"_ba << field("If-None-Match", "\"v2\"") + '\n' + field("If-Modified-Since", After) << P::Proceed;
    QTest::addRow("if-match failure wins over inm")
        << "GET"_ba << field("If-Match", "\"v2\"") + '\n' + field("If-None-Match", "\"v1\"")
        << P::PreconditionFailed;
    QTest::addRow("ius failure wins over inm")
        << "GET"_ba << field("If-Unmodified-Since", Before) + '\n' + field("If-None-Match", "\"v1\"")
        << P::PreconditionFailed;

    // Step 4: If-Modified-Since, GET and HEAD only.
    QTest::addRow("ims same") << "GET"_ba << field("If-Modified-Since", Same) << P::NotModified;
    QTest::addRow("ims after") << "GET"_ba << field("If-Modified-Since", After) << P::NotModified;
    QTest::addRow("ims before") << "GET"_ba << field("If-Modified-Since", Before) << P::Proceed;
    QTest::addRow("ims rfc850") << "GET"_ba << field("If-Modified-Since", "Monday, 01-Jan-24 12:00:00 GMT")
                                << P::NotModified;
    QTest::addRow("ims asctime") << "HEAD"_ba << field("If-Modified-Since", "Mon Jan  1 12:00:00 2024")
                                 << P::NotModified;
    QTest::addRow("ims garbage ignored") << "GET"_ba << field("If-Modified-Since", "whenever") << P::Proceed;
    QTest::addRow("ims empty ignored") << "GET"_ba << field("If-Modified-Since", "") << P::Proceed;
    QTest::addRow("ims on post ignored") << "POST"_ba << field("If-Modified-Since", Same) << P::Proceed;
    QTest::addRow("ims one second before") << "GET"_ba << field("If-Modified-Since", "Mon, 01 Jan 2024 11:59:59 GMT")
                                           << P::Proceed;
}

} // namespace

void tst_Conditional::preconditions_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<Precondition>("expected");

    addMatchRows();
    addNoneMatchRows();
}

void tst_Conditional::preconditions()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, headers);
    QFETCH(Precondition, expected);
    const HttpRequest request = makeRequest(method, headers);
    QCOMPARE(evaluatePreconditions(request, Validators{CurrentTag, LastModified}), expected);
}

void tst_Conditional::withoutValidators()
{
    // No Last-Modified: the date conditions cannot be evaluated and are ignored.
    const Validators noDate{CurrentTag, QDateTime()};
    QCOMPARE(evaluatePreconditions(makeRequest("GET", field("If-Modified-Since", After)), noDate),
             Precondition::Proceed);
    QCOMPARE(evaluatePreconditions(makeRequest("GET", field("If-Unmodified-Since", Before)), noDate),
             Precondition::Proceed);
    // No entity tag: only "*" matches.
    const Validators noTag{QByteArrayView(), LastModified};
    QCOMPARE(evaluatePreconditions(makeRequest("GET", field("If-Match", "\"v1\"")), noTag),
             Precondition::PreconditionFailed);
    QCOMPARE(evaluatePreconditions(makeRequest("GET", field("If-Match", "*")), noTag), Precondition::Proceed);
    QCOMPARE(evaluatePreconditions(makeRequest("GET", field("If-None-Match", "\"v1\"")), noTag),
             Precondition::Proceed);
}

void tst_Conditional::ifRange_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<bool>("expected");

    QTest::addRow("absent") << QByteArray() << true;
    QTest::addRow("strong tag match") << field("If-Range", "\"v1\"") << true;
    QTest::addRow("strong tag miss") << field("If-Range", "\"v2\"") << false;
    QTest::addRow("weak tag never matches") << field("If-Range", "W/\"v1\"") << false;
    QTest::addRow("tag list is not a tag") << field("If-Range", "\"v1\", \"v2\"") << false;
    QTest::addRow("star is not a tag") << field("If-Range", "*") << false;
    QTest::addRow("exact date") << field("If-Range", Same) << true;
    QTest::addRow("rfc850 exact date") << field("If-Range", "Monday, 01-Jan-24 12:00:00 GMT") << true;
    QTest::addRow("later date") << field("If-Range", After) << false;
    QTest::addRow("earlier date") << field("If-Range", Before) << false;
    QTest::addRow("garbage") << field("If-Range", "tomorrow") << false;
    QTest::addRow("empty value") << field("If-Range", "") << false;
    QTest::addRow("name case") << field("if-range", "\"v1\"") << true;
}

void tst_Conditional::ifRange()
{
    QFETCH(QByteArray, headers);
    QFETCH(bool, expected);
    const HttpRequest request = makeRequest("GET", headers);
    QCOMPARE(ifRangeAllows(request, Validators{CurrentTag, LastModified}), expected);
}

QTEST_APPLESS_MAIN(tst_Conditional)
#include "tst_conditional.moc"
