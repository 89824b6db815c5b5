// SPDX-License-Identifier: MIT
// The trace file's lines without QJsonObject: written byte for byte as QJsonDocument writes
// them, and read exactly as QJsonDocument reads them, errors included.
#include "jsonline.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace ui::tracefile;

class tst_JsonLine : public QObject {
    Q_OBJECT

private slots:
    void linesAreWrittenAsQJsonDocumentWritesThem();
    void linesAreReadAsQJsonDocumentReadsThem_data();
    void linesAreReadAsQJsonDocumentReadsThem();
};

void tst_JsonLine::linesAreWrittenAsQJsonDocumentWritesThem()
{
    const std::string texts[] { "", "plain", "quote \" and backslash \\ and slash /", "tab\tnew\nline\rcr\bbs\fff",
        std::string("nul \0 and \x01 \x1f \x7f", 15), "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80",
        "bad \xff\xfe utf-8 \xc3", "surrogate \xed\xa0\x80 overlong \xc0\xaf" };
    for (const std::string& text : texts) {
        JsonLineWriter line;
        line["text"] = JsonScalar::of(std::string_view(text));
        std::string written;
        line.appendTo(written);
        QJsonObject object;
        object[QStringLiteral("text")] = QString::fromUtf8(text.data(), qsizetype(text.size()));
        QCOMPARE(QByteArray::fromStdString(written), QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    const double numbers[] { 0, -0.0, 4, -7, 0.5, 0.1, 1.0 / 3, 11, 1e6, 123456789, 1e15, 1e16, 1e17, 1e21, 1e-7,
        2.5e-5, 9007199254740993.0, 1.7976931348623157e308, std::numeric_limits<double>::denorm_min(),
        std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), 4, 4 };
    for (const double number : numbers) {
        JsonLineWriter line;
        line["t"] = JsonScalar::of(number);
        line["i"] = JsonScalar::of(std::int64_t(std::llround(std::isfinite(number) ? std::fmod(number, 1e18) : 0)));
        std::string written;
        line.appendTo(written);
        QJsonObject object;
        object[QStringLiteral("t")] = number;
        object[QStringLiteral("i")] = qint64(std::llround(std::isfinite(number) ? std::fmod(number, 1e18) : 0));
        QCOMPARE(QByteArray::fromStdString(written), QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    // Keys sorted, as QJsonObject keeps them; every kind of value.
    JsonLineWriter line;
    line["task_name"] = JsonScalar::of(std::string_view("main"));
    line["i"] = JsonScalar::of(std::int64_t(std::numeric_limits<std::int64_t>::max()));
    line["creator"] = JsonScalar::null();
    line["internal"] = JsonScalar::of(false);
    line["task"] = JsonScalar::of(0);
    line["kind"] = JsonScalar::of(std::string_view("task_created"));
    line["task"] = JsonScalar::of(3); // set twice: the last value, as QJsonObject does
    std::string written;
    line.appendTo(written);
    QCOMPARE(QByteArray::fromStdString(written),
        QByteArray(
            R"({"creator":null,"i":9223372036854775807,"internal":false,"kind":"task_created","task":3,"task_name":"main"})"));
}

void tst_JsonLine::linesAreReadAsQJsonDocumentReadsThem_data()
{
    QTest::addColumn<QByteArray>("line");
    auto row = [](const char* line) { QTest::newRow(line) << QByteArray(line); };
    row(R"({"i":3,"kind":"step_started","t":4,"task":1,"via":"task_step","cancelled_error":false})");
    row(R"({"a":-0,"b":0.5,"c":1e3,"d":-2.5E-3,"e":12345678901234567890,"f":123456789012345678,"g":1.0})");
    row(R"({"s":"esc \" \\ \/ \b \f \n \r \t","u":"\u0041\u00e9","n":null,"x":true,"y":false})");
    row(R"({"text":"caf\u00e9 é ✓"})");
    row("{\"text\":\"caf\xc3\xa9\"}");
    row("{\"text\":\"bad \xff\"}");
    row(R"({})");
    row(R"({"nested":{"a":1},"list":[1,2]})");
    row(R"({"a":1,"a":2})");
    row(R"( {"a":1})");
    row(R"({"a" : 1 })");
    row(R"({"a":1} )");
    row(R"({"a":01})");
    row(R"({"a":1.})");
    row(R"({"a":.5})");
    row(R"({"a":-})");
    row(R"({"a":+1})");
    row(R"({"a":1e})");
    row(R"({"a":1e999})");
    row(R"({"a":NaN})");
    row(R"({"a":tru})");
    row(R"({"a":"unterminated})");
    row("{\"a\":\"raw\ttab\"}");
    row(R"({"a":"bad \x escape"})");
    row(R"({"a":1,})");
    row(R"({"a":1}{"b":2})");
    row(R"({"a":1)");
    row(R"([1,2])");
    row(R"("text")");
    row(R"(3)");
    row("");
    row("{\"a\":1}\r");
}

void tst_JsonLine::linesAreReadAsQJsonDocumentReadsThem()
{
    QFETCH(QByteArray, line);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    JsonLine read;
    QString error;
    const bool parsed = read.parse(std::string_view(line.constData(), std::size_t(line.size())), &error);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        QVERIFY(!parsed);
        QCOMPARE(error,
            parseError.error != QJsonParseError::NoError
                ? QStringLiteral("not JSON (%1 at column %2)").arg(parseError.errorString()).arg(parseError.offset + 1)
                : QStringLiteral("not a JSON object"));
        return;
    }
    QVERIFY2(parsed, qPrintable(error));
    const QJsonObject object = document.object();
    for (auto member = object.begin(); member != object.end(); ++member) {
        const QJsonValue expected = member.value();
        const JsonScalar& value = read.value(member.key());
        QVERIFY(read.contains(member.key()));
        QCOMPARE(value.isNull(), expected.isNull());
        QCOMPARE(value.isBool(), expected.isBool());
        QCOMPARE(value.toBool(), expected.toBool());
        QCOMPARE(value.isDouble(), expected.isDouble());
        QCOMPARE(value.toDouble(-1), expected.toDouble(-1));
        QCOMPARE(value.isString(), expected.isString());
        QCOMPARE(value.toString(), expected.toString());
        QCOMPARE(value.describe(), expected.toVariant().toString());
    }
    QVERIFY(!read.contains(QStringLiteral("absent")));
    QVERIFY(read.value(QStringLiteral("absent")).isUndefined());
}

QTEST_GUILESS_MAIN(tst_JsonLine)
#include "tst_jsonline.moc"
