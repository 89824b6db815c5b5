// SPDX-License-Identifier: MIT
// sim::PyInt must accept and reject exactly what Python 3.11's int(str) does for ASCII decimal
// text, print the canonical str(int), and give the 32-bit words of abs(value) that random.seed
// feeds to MT19937. Expected values were computed with CPython 3.11.

#include "pyint.h"

#include <QtTest>

#include <cstdint>
#include <limits>
#include <string>

using sim::PyInt;
using Words = QList<quint32>;

namespace {

Words wordsOf(const PyInt& value)
{
    const auto& words = value.magnitudeWords();
    return Words(words.begin(), words.end());
}

std::string_view viewOf(const QByteArray& bytes) { return { bytes.constData(), std::size_t(bytes.size()) }; }

} // namespace

class TestPyInt : public QObject {
    Q_OBJECT

private slots:
    void acceptsWhatPythonIntAccepts_data();
    void acceptsWhatPythonIntAccepts();
    void rejectsWhatPythonIntRejects_data();
    void rejectsWhatPythonIntRejects();
    void acceptsAtMost4300DigitsLikePython_data();
    void acceptsAtMost4300DigitsLikePython();
    void givesAllOnesLowWordsFor4300Nines();
    void convertsToInt64OnlyWhenItFits_data();
    void convertsToInt64OnlyWhenItFits();
    void fromInt64RoundTripsTheExtremes_data();
    void fromInt64RoundTripsTheExtremes();
    void zeroHasTheSingleMagnitudeWordZero();
    void parseWithoutAnErrorPointerStillFails();
};

void TestPyInt::acceptsWhatPythonIntAccepts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("decimal");
    QTest::addColumn<bool>("negative");
    QTest::addColumn<Words>("words");

    QTest::newRow("zero") << QByteArray("0") << "0" << false << Words { 0 };
    QTest::newRow("minus zero is plain zero") << QByteArray("-0") << "0" << false << Words { 0 };
    QTest::newRow("plus zero") << QByteArray("+0") << "0" << false << Words { 0 };
    QTest::newRow("many zeros with a sign") << QByteArray("-000") << "0" << false << Words { 0 };
    QTest::newRow("zeros split by an underscore") << QByteArray("0_0") << "0" << false << Words { 0 };
    QTest::newRow("explicit plus sign") << QByteArray("+7") << "7" << false << Words { 7 };
    QTest::newRow("negative") << QByteArray("-12") << "-12" << true << Words { 12 };
    QTest::newRow("spaces around") << QByteArray("  42 ") << "42" << false << Words { 42 };
    QTest::newRow("every ASCII whitespace around") << QByteArray("\t\n\v\f\r 42 \r\f\v\n\t") << "42" << false
                                                   << Words { 42 };
    QTest::newRow("whitespace around a signed value") << QByteArray(" -9 ") << "-9" << true << Words { 9 };
    QTest::newRow("single underscores between digits") << QByteArray("1_000") << "1000" << false << Words { 1000 };
    QTest::newRow("underscores after leading zeros") << QByteArray("0_0_7") << "7" << false << Words { 7 };
    QTest::newRow("leading zeros dropped") << QByteArray("000123") << "123" << false << Words { 123 };
    QTest::newRow("largest one-word value") << QByteArray("4294967295") << "4294967295" << false
                                            << Words { 0xffffffffu };
    QTest::newRow("smallest two-word value") << QByteArray("4294967296") << "4294967296" << false
                                             << Words { 0, 1 };
    QTest::newRow("2**63") << QByteArray("9223372036854775808") << "9223372036854775808" << false
                           << Words { 0, 0x80000000u };
    QTest::newRow("2**64 needs three words") << QByteArray("18446744073709551616") << "18446744073709551616"
                                             << false << Words { 0, 0, 1 };
    QTest::newRow("-(2**64+1)") << QByteArray("-18446744073709551617") << "-18446744073709551617" << true
                                << Words { 1, 0, 1 };
    QTest::newRow("10**21 with underscores") << QByteArray("1_000_000_000_000_000_000_000")
                                             << "1000000000000000000000" << false
                                             << Words { 0xdea00000u, 0x35c9adc5u, 0x36u };
    QTest::newRow("2**200+12345") << QByteArray("1606938044258990275541962092341162602522202993782792835313721")
                                  << "1606938044258990275541962092341162602522202993782792835313721" << false
                                  << Words { 0x3039u, 0, 0, 0, 0, 0, 0x100u };
    QTest::newRow("-(2**201-1)") << QByteArray("-3213876088517980551083924184682325205044405987565585670602751")
                                 << "-3213876088517980551083924184682325205044405987565585670602751" << true
                                 << Words { 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu,
                                        0xffffffffu, 0x1ffu };
    QTest::newRow("3**130 with leading zeros and padding")
        << QByteArray(" 00106111661199647248543687855752712667991103904330482569981872649\t")
        << "106111661199647248543687855752712667991103904330482569981872649" << false
        << Words { 0xdeba4a09u, 0x8252b88du, 0xd75afe88u, 0x071d0b64u, 0x2cb6a66fu, 0x901b17adu, 0x4208u };
}

void TestPyInt::acceptsWhatPythonIntAccepts()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, decimal);
    QFETCH(bool, negative);
    QFETCH(Words, words);

    std::string error = "untouched";
    const auto value = PyInt::parse(viewOf(text), &error);
    QVERIFY2(value.has_value(), error.c_str());
    QCOMPARE(QString::fromStdString(value->decimal()), decimal);
    QCOMPARE(value->isNegative(), negative);
    QCOMPARE(value->isZero(), decimal == QLatin1String("0"));
    QCOMPARE(wordsOf(*value), words);
    // The canonical text parses back to the same value.
    const auto again = PyInt::parse(value->decimal());
    QVERIFY(again.has_value());
    QCOMPARE(QString::fromStdString(again->decimal()), decimal);
    QCOMPARE(wordsOf(*again), words);
}

void TestPyInt::rejectsWhatPythonIntRejects_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("only whitespace") << QByteArray(" \t ");
    QTest::newRow("letters") << QByteArray("abc");
    QTest::newRow("a word for a number") << QByteArray("two");
    QTest::newRow("exponent") << QByteArray("1e3");
    QTest::newRow("decimal point") << QByteArray("1.5");
    QTest::newRow("hex prefix") << QByteArray("0x10");
    QTest::newRow("double underscore") << QByteArray("1__0");
    QTest::newRow("leading underscore") << QByteArray("_1");
    QTest::newRow("trailing underscore") << QByteArray("1_");
    QTest::newRow("underscore after the sign") << QByteArray("-_1");
    QTest::newRow("lone underscore") << QByteArray("_");
    QTest::newRow("double minus") << QByteArray("--1");
    QTest::newRow("plus then minus") << QByteArray("+-1");
    QTest::newRow("sign alone") << QByteArray("-");
    QTest::newRow("space after the sign") << QByteArray("- 1");
    QTest::newRow("space inside") << QByteArray("1 2");
    QTest::newRow("embedded NUL") << QByteArray("1\0", 2);
    // str.strip() drops \x1c-\x1f, but int() only skips the six ASCII whitespace characters.
    QTest::newRow("file separator before") << QByteArray("\x1c" "5");
    QTest::newRow("unit separator after") << QByteArray("5\x1f");
    QTest::newRow("trailing garbage") << QByteArray("12x");
    QTest::newRow("underscore before trailing space") << QByteArray("1_ ");
}

void TestPyInt::rejectsWhatPythonIntRejects()
{
    QFETCH(QByteArray, text);

    std::string error;
    const auto value = PyInt::parse(viewOf(text), &error);
    QVERIFY2(!value.has_value(), value ? value->decimal().c_str() : "");
    QVERIFY2(!error.empty(), "a rejection must say why");
}

void TestPyInt::acceptsAtMost4300DigitsLikePython_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QByteArray>("decimal");

    const QByteArray ones4300(4300, '1');
    QTest::newRow("4300 digits") << ones4300 << true << ones4300;
    QTest::newRow("4301 digits") << QByteArray(4301, '1') << false << QByteArray();
    QTest::newRow("a sign does not count") << "-" + ones4300 << true << "-" + ones4300;
    QTest::newRow("whitespace does not count") << "  " + ones4300 + "\n" << true << ones4300;
    // Python counts leading zeros towards the limit even though str() drops them.
    QTest::newRow("4300 digits with leading zeros") << QByteArray(4299, '0') + "7" << true << QByteArray("7");
    QTest::newRow("4301 digits with leading zeros") << QByteArray(4300, '0') + "7" << false << QByteArray();
    // ... but underscores do not count.
    QTest::newRow("4300 digits with underscores") << QByteArray("1_").repeated(4299) + "1" << true << ones4300;
    QTest::newRow("4301 digits with underscores") << QByteArray("1_").repeated(4300) + "1" << false
                                                  << QByteArray();
}

void TestPyInt::acceptsAtMost4300DigitsLikePython()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    QFETCH(QByteArray, decimal);

    QCOMPARE(PyInt::maxDigits, std::size_t(4300));
    std::string error;
    const auto value = PyInt::parse(viewOf(text), &error);
    QCOMPARE(value.has_value(), accepted);
    if (accepted)
        QCOMPARE(QByteArray::fromStdString(value->decimal()), decimal);
    else
        QVERIFY2(error.find("4300") != std::string::npos, error.c_str());
}

void TestPyInt::givesAllOnesLowWordsFor4300Nines()
{
    // 10**4300 - 1: 10**4300 is a multiple of 2**4300, so its low 4300 bits are all ones
    // (134 full words, then 12 one-bits); bit_length() is 14285, i.e. 447 words, top word 0x1392.
    const auto value = PyInt::parse(std::string(4300, '9'));
    QVERIFY(value.has_value());
    const Words words = wordsOf(*value);
    QCOMPARE(words.size(), qsizetype(447));
    for (int i = 0; i < 134; ++i)
        QCOMPARE(words.at(i), 0xffffffffu);
    QCOMPARE(words.at(134), 0x17750fffu);
    QCOMPARE(words.at(134) & 0x1fffu, 0x0fffu);
    QCOMPARE(words.last(), 0x1392u);
    QVERIFY(!value->toInt64().has_value());
}

void TestPyInt::convertsToInt64OnlyWhenItFits_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("fits");
    QTest::addColumn<qint64>("expected");

    constexpr qint64 max = std::numeric_limits<qint64>::max();
    constexpr qint64 min = std::numeric_limits<qint64>::min();
    QTest::newRow("zero") << QByteArray("0") << true << qint64(0);
    QTest::newRow("minus zero") << QByteArray("-0") << true << qint64(0);
    QTest::newRow("minus one") << QByteArray("-1") << true << qint64(-1);
    QTest::newRow("2**32") << QByteArray("4294967296") << true << qint64(4294967296);
    QTest::newRow("-(2**32)") << QByteArray("-4294967296") << true << qint64(-4294967296);
    QTest::newRow("INT64_MAX") << QByteArray("9223372036854775807") << true << max;
    QTest::newRow("INT64_MAX with zeros and underscores") << QByteArray("+00_9223372036854775807") << true << max;
    QTest::newRow("INT64_MIN") << QByteArray("-9223372036854775808") << true << min;
    QTest::newRow("INT64_MAX + 1") << QByteArray("9223372036854775808") << false << qint64(0);
    QTest::newRow("INT64_MIN - 1") << QByteArray("-9223372036854775809") << false << qint64(0);
    QTest::newRow("UINT64_MAX") << QByteArray("18446744073709551615") << false << qint64(0);
    QTest::newRow("-UINT64_MAX") << QByteArray("-18446744073709551615") << false << qint64(0);
    QTest::newRow("2**64") << QByteArray("18446744073709551616") << false << qint64(0);
    QTest::newRow("-(2**64)") << QByteArray("-18446744073709551616") << false << qint64(0);
    QTest::newRow("2**64 + 1 (low words look small)") << QByteArray("18446744073709551617") << false << qint64(0);
    QTest::newRow("2**200+12345")
        << QByteArray("1606938044258990275541962092341162602522202993782792835313721") << false << qint64(0);
}

void TestPyInt::convertsToInt64OnlyWhenItFits()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, fits);
    QFETCH(qint64, expected);

    const auto value = PyInt::parse(viewOf(text));
    QVERIFY(value.has_value());
    const std::optional<std::int64_t> converted = value->toInt64();
    QCOMPARE(converted.has_value(), fits);
    if (fits)
        QCOMPARE(qint64(*converted), expected);
}

void TestPyInt::fromInt64RoundTripsTheExtremes_data()
{
    QTest::addColumn<qint64>("number");
    QTest::addColumn<QString>("decimal");
    QTest::addColumn<Words>("words");

    QTest::newRow("INT64_MIN") << std::numeric_limits<qint64>::min() << "-9223372036854775808"
                               << Words { 0, 0x80000000u };
    QTest::newRow("INT64_MAX") << std::numeric_limits<qint64>::max() << "9223372036854775807"
                               << Words { 0xffffffffu, 0x7fffffffu };
    QTest::newRow("zero") << qint64(0) << "0" << Words { 0 };
    QTest::newRow("minus one") << qint64(-1) << "-1" << Words { 1 };
    QTest::newRow("444") << qint64(444) << "444" << Words { 444 };
    QTest::newRow("-(2**40+7)") << -qint64(1099511627783) << "-1099511627783" << Words { 7, 256 };
}

void TestPyInt::fromInt64RoundTripsTheExtremes()
{
    QFETCH(qint64, number);
    QFETCH(QString, decimal);
    QFETCH(Words, words);

    const PyInt value = PyInt::fromInt64(number);
    QCOMPARE(QString::fromStdString(value.decimal()), decimal);
    QCOMPARE(value.isNegative(), number < 0);
    QCOMPARE(wordsOf(value), words);
    QVERIFY(value.toInt64().has_value());
    QCOMPARE(qint64(*value.toInt64()), number);
}

void TestPyInt::zeroHasTheSingleMagnitudeWordZero()
{
    QCOMPARE(wordsOf(PyInt {}), Words { 0 });
    QCOMPARE(QString::fromStdString(PyInt {}.decimal()), QStringLiteral("0"));
    QVERIFY(PyInt {}.isZero());
    QCOMPARE(wordsOf(*PyInt::parse("0")), Words { 0 });
    QCOMPARE(wordsOf(*PyInt::parse("-0")), Words { 0 });
    QCOMPARE(wordsOf(PyInt::fromInt64(0)), Words { 0 });
    QVERIFY(!PyInt::parse("-0")->isNegative());
    QVERIFY(!PyInt::parse("1")->isZero());
}

void TestPyInt::parseWithoutAnErrorPointerStillFails()
{
    QVERIFY(!PyInt::parse("1__0").has_value());
    QVERIFY(!PyInt::parse(std::string(4301, '5')).has_value());
    QVERIFY(PyInt::parse("1_0").has_value());
}

QTEST_GUILESS_MAIN(TestPyInt)
#include "tst_pyint.moc"
