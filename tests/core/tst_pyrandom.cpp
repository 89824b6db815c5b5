// SPDX-License-Identifier: MIT
// sim::PyRandom must draw exactly what CPython's `random` module draws: first against the
// stored vectors in tests/data/random-vectors.json (CPython 3.11), then differentially against
// the python3 on this machine, over ~200 seeds of every size and sign, in one python3 process.

#include "pyint.h"
#include "pyrandom.h"
#include "splitmix64.h"

#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <cstdint>
#include <limits>
#include <vector>

using sim::PyInt;
using sim::PyRandom;
using Words = QList<quint32>;
using Numbers = QList<qint64>;

namespace {

constexpr qint64 int64Min = std::numeric_limits<qint64>::min();
constexpr qint64 int64Max = std::numeric_limits<qint64>::max();

PyInt parsed(const QString& text)
{
    const auto value = PyInt::parse(text.toStdString());
    if (!value)
        qFatal("test seed %s does not parse", qPrintable(text));
    return *value;
}

// ---- the differential test's workload, identical on both sides ---------------------------

// n for randbelow(n) (Python: randint(0, n - 1)): around every power of two that changes k.
const std::vector<quint64> belowBounds = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100,
    127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 65535, 65536, 65537, (1ull << 31) - 1, 1ull << 31,
    (1ull << 31) + 1, (1ull << 32) - 1, 1ull << 32, (1ull << 32) + 1, 1ull << 33, 1000000000000ull, (1ull << 53) - 1,
    1ull << 53, (1ull << 53) + 1, 1ull << 62, (1ull << 63) - 1, 1ull << 63, (1ull << 63) + 1,
    std::numeric_limits<quint64>::max() };

// (a, b) for randint(a, b), b - a < 2**63.
const std::vector<std::pair<qint64, qint64>> wideRanges = { { -5, 1000 }, { 7, 7 }, { -1, 1 },
    { int64Min, -1 }, { 0, int64Max }, { -(qint64(1) << 62), (qint64(1) << 62) - 1 },
    { -1000000000000000000, 1000000000000000000 }, { int64Max - 10, int64Max }, { int64Min, int64Min + 10 },
    { -(qint64(1) << 31), (qint64(1) << 31) - 1 }, { -(qint64(1) << 32), qint64(1) << 32 } };

QString joined(const auto& values, auto toText, QStringView separator = u" ")
{
    QStringList parts;
    for (const auto& value : values)
        parts << toText(value);
    return parts.join(separator);
}

// What the Python side prints after random.seed(v), computed with PyRandom.
QStringList drawLines(PyRandom& random)
{
    QStringList lines;
    QStringList parts;
    for (int i = 0; i < 30; ++i)
        parts << QString::number(random.randint(0, 10));
    lines << "ri10 " + parts.join(u' ');
    parts.clear();
    for (int i = 0; i < 20; ++i)
        parts << QString::number(random.randint(-5, 1000));
    lines << "rim5 " + parts.join(u' ');
    parts.clear();
    for (int k = 0; k <= 64; ++k)
        parts << QString::number(quint64(random.getrandbits(k)));
    lines << "bits " + parts.join(u' ');
    parts.clear();
    for (int i = 0; i < 10; ++i)
        parts << QString::asprintf("%.17g", random.random());
    lines << "rand " + parts.join(u' ');
    lines << "below " + joined(belowBounds, [&](quint64 n) { return QString::number(quint64(random.randbelow(n))); });
    lines << "wide " + joined(wideRanges, [&](const std::pair<qint64, qint64>& r) {
        return QString::number(qint64(random.randint(r.first, r.second)));
    });
    // Long enough to cross a few MT19937 twists.
    quint64 sum = 0;
    quint32 first = 0, last = 0;
    for (int i = 0; i < 1400; ++i) {
        last = quint32(random.getrandbits(32));
        if (i == 0)
            first = last;
        sum += last;
    }
    lines << QStringLiteral("tail %1 %2 %3").arg(sum).arg(first).arg(last);
    return lines;
}

// Reads "d <decimal text>" (seed with int(text)) or "x <hex text>" (seed with int(text, 16))
// lines on stdin and prints, per seed, the same lines as drawLines().
const char* pythonProgram = R"PY(
import random, sys
BELOW = [%1]
WIDE = [%2]
out = []
for line in sys.stdin.read().split('\n'):
    if not line:
        continue
    kind, text = line[0], line[2:]
    if kind == 'd':
        v = int(text)
        out.append('dec ' + str(v))
    else:
        v = int(text, 16)
    mag = abs(v)
    out.append('key ' + ' '.join(str((mag >> (32 * i)) & 0xffffffff) for i in range(max(1, (mag.bit_length() + 31) // 32))))
    random.seed(v)
    r = random
    out.append('ri10 ' + ' '.join(str(r.randint(0, 10)) for _ in range(30)))
    out.append('rim5 ' + ' '.join(str(r.randint(-5, 1000)) for _ in range(20)))
    out.append('bits ' + ' '.join(str(r.getrandbits(k)) for k in range(0, 65)))
    out.append('rand ' + ' '.join('%.17g' % r.random() for _ in range(10)))
    out.append('below ' + ' '.join(str(r.randint(0, n - 1)) for n in BELOW))
    out.append('wide ' + ' '.join(str(r.randint(a, b)) for a, b in WIDE))
    t = [r.getrandbits(32) for _ in range(1400)]
    out.append('tail %d %d %d' % (sum(t), t[0], t[-1]))
sys.stdout.write('\n'.join(out) + '\n')
)PY";

struct SeedCase {
    QString label;
    bool decimal = true; // seed with PyInt::parse(text) / int(text), else with raw words
    QString text;        // decimal text, or hex text for the words case
    std::vector<std::uint32_t> words;
};

// ~200 seeds: small, negative, zero, word boundaries, > 2**64, > 2**200, decimal text in all the
// forms int() accepts, up to 4300 digits; plus keys longer than MT19937's 624-word state, which
// only arithmetic (not int(str)) can build, seeded through seedWords().
std::vector<SeedCase> differentialSeeds()
{
    std::vector<SeedCase> seeds;
    auto addDecimal = [&](const QString& text) {
        seeds.push_back({ QStringLiteral("d:%1").arg(text.size() > 40 ? text.left(37) + "..." : text), true, text, {} });
    };
    for (int i = 0; i < 30; ++i)
        addDecimal(QString::number(i));
    for (int i = 1; i <= 10; ++i)
        addDecimal(QString::number(-i));
    for (const char* text : { "444", "-444", "2147483647", "2147483648", "-2147483648", "4294967295", "4294967296",
             "4294967297", "-4294967297", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
             "18446744073709551615", "18446744073709551616", "18446744073709551617", "-18446744073709551617",
             "79228162514264337593543950336", "340282366920938463463374607431768211455",
             "106111661199647248543687855752712667991103904330482569981872649",
             "1606938044258990275541962092341162602522202993782792835313721",
             "-3213876088517980551083924184682325205044405987565585670602751", "  +0_444 ", "\t-000_1_000\t",
             "1_000_000_000_000_000_000_000", "-0", "+0" })
        addDecimal(QString::fromLatin1(text));
    addDecimal(QString(4300, u'9'));
    addDecimal("1" + QString(4299, u'0'));

    SplitMix64 rng { 20240611 };
    const int lengths[] = { 1, 2, 3, 5, 8, 9, 10, 11, 12, 17, 19, 20, 21, 25, 29, 38, 39, 40, 58, 60, 61, 62, 77, 100,
        155, 200, 310, 500, 1000, 2000, 4299, 4300 };
    for (int i = 0; i < 124; ++i) {
        const int length = lengths[i % std::size(lengths)];
        QString digits;
        for (int d = 0; d < length; ++d)
            digits += QChar(u'0' + int(rng.next() % 10));
        const quint64 style = rng.next();
        if (style % 5 == 0 && length < 4300) // leading zeros within the 4300-digit limit
            digits.prepend(QString(int(qMin<quint64>(4300 - length, 1 + style % 7)), u'0'));
        if (style % 7 == 0) { // underscores between groups of three
            for (int at = digits.size() - 3; at > 0; at -= 3)
                digits.insert(at, u'_');
        }
        if (style % 3 == 0)
            digits.prepend(u'-');
        else if (style % 11 == 0)
            digits.prepend(u'+');
        if (style % 13 == 0)
            digits = "  " + digits + " ";
        addDecimal(digits);
    }

    for (int count : { 623, 624, 625, 700, 1247, 1248, 1249, 2000 }) {
        SeedCase seed;
        seed.decimal = false;
        seed.words.resize(count);
        for (auto& word : seed.words)
            word = std::uint32_t(rng.next());
        seed.words.back() |= 1; // no zero top word: python's key has exactly `count` words
        seeds.push_back(std::move(seed));
    }
    {
        SeedCase powerOfTwo; // 2**(32*624): a 625-word key of zeros and a final 1
        powerOfTwo.decimal = false;
        powerOfTwo.words.assign(625, 0);
        powerOfTwo.words.back() = 1;
        seeds.push_back(std::move(powerOfTwo));
        SeedCase allOnes; // -(2**(32*624) - 1): exactly 624 words of ones
        allOnes.decimal = false;
        allOnes.words.assign(624, 0xffffffffu);
        allOnes.text = "-";
        seeds.push_back(std::move(allOnes));
    }
    for (auto& seed : seeds) {
        if (seed.decimal)
            continue;
        for (auto word = seed.words.rbegin(); word != seed.words.rend(); ++word)
            seed.text += QStringLiteral("%1").arg(*word, 8, 16, QLatin1Char('0'));
        seed.label = QStringLiteral("x:%1%2 words").arg(seed.text.startsWith(u'-') ? "-" : "").arg(seed.words.size());
    }
    return seeds;
}

} // namespace

class TestPyRandom : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void keyIsTheWordsOfAbsSeed_data() { addVectorRows(); }
    void keyIsTheWordsOfAbsSeed();
    void firstRawOutputsMatchCPython_data() { addVectorRows(); }
    void firstRawOutputsMatchCPython();
    void first20RandintsMatchCPythonAndConsumeTheSameDraws_data() { addVectorRows(); }
    void first20RandintsMatchCPythonAndConsumeTheSameDraws();

    void defaultConstructedGeneratorIsSeededWithZero();
    void negativeSeedDrawsLikeItsAbsoluteValue();
    void reseedingRestartsTheSequenceAndTheDrawCount();
    void getrandbitsDrawsOneWordUpTo32BitsAndTwoAbove_data();
    void getrandbitsDrawsOneWordUpTo32BitsAndTwoAbove();
    void randintOfASingleValueStillDrawsLikePython();
    void randomBuildsA53BitFractionFromTwoDraws();

    void matchesLivePython3OverManySeeds();

private:
    void addVectorRows();
    QJsonArray m_vectors;
};

void TestPyRandom::initTestCase()
{
    QFile file(QStringLiteral(LOOPSCOPE_SHARED_DIR "/random-vectors.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + ": " + file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    m_vectors = document.object().value("vectors").toArray();
    QVERIFY2(m_vectors.size() >= 5, "random-vectors.json should hold at least 5 vectors");
}

void TestPyRandom::addVectorRows()
{
    QTest::addColumn<QString>("seed");
    QTest::addColumn<Words>("key");
    QTest::addColumn<Words>("firstUint32");
    QTest::addColumn<Numbers>("randints");
    QTest::addColumn<int>("draws");

    for (const QJsonValue& entry : std::as_const(m_vectors)) {
        const QJsonObject vector = entry.toObject();
        Words key, first;
        Numbers randints;
        for (const QJsonValue& v : vector.value("key").toArray())
            key << quint32(v.toDouble());
        for (const QJsonValue& v : vector.value("first_uint32").toArray())
            first << quint32(v.toDouble());
        for (const QJsonValue& v : vector.value("randint_0_10").toArray())
            randints << qint64(v.toInteger());
        const QString name = "seed " + vector.value("seed_expr").toString();
        QTest::newRow(qPrintable(name)) << vector.value("seed").toString() << key << first << randints
                                        << vector.value("uint32_draws_for_20_randints").toInt();
    }
}

void TestPyRandom::keyIsTheWordsOfAbsSeed()
{
    QFETCH(QString, seed);
    QFETCH(Words, key);

    const PyInt value = parsed(seed);
    const auto& words = value.magnitudeWords();
    QCOMPARE(Words(words.begin(), words.end()), key);
}

void TestPyRandom::firstRawOutputsMatchCPython()
{
    QFETCH(QString, seed);
    QFETCH(Words, firstUint32);
    QCOMPARE(firstUint32.size(), qsizetype(8));

    PyRandom fromSeed(parsed(seed));
    QFETCH(Words, key);
    PyRandom fromKey;
    fromKey.seedWords(std::vector<std::uint32_t>(key.begin(), key.end()));
    Words drawn, drawnFromKey;
    for (int i = 0; i < firstUint32.size(); ++i) {
        drawn << fromSeed.nextUint32();
        drawnFromKey << fromKey.nextUint32();
    }
    QCOMPARE(drawn, firstUint32);
    QCOMPARE(drawnFromKey, firstUint32);
    QCOMPARE(fromSeed.drawCount(), std::uint64_t(8));
}

void TestPyRandom::first20RandintsMatchCPythonAndConsumeTheSameDraws()
{
    QFETCH(QString, seed);
    QFETCH(Numbers, randints);
    QFETCH(int, draws);
    QCOMPARE(randints.size(), qsizetype(20));

    PyRandom random(parsed(seed));
    Numbers drawn;
    for (int i = 0; i < randints.size(); ++i)
        drawn << random.randint(0, 10);
    QCOMPARE(drawn, randints);
    QCOMPARE(random.drawCount(), std::uint64_t(draws));
}

void TestPyRandom::defaultConstructedGeneratorIsSeededWithZero()
{
    PyRandom byDefault;
    PyRandom zero(PyInt::fromInt64(0));
    QCOMPARE(byDefault.drawCount(), std::uint64_t(0));
    // random.seed(0); random.getrandbits(32) == 3626764237 (random-vectors.json)
    QCOMPARE(byDefault.nextUint32(), 3626764237u);
    QCOMPARE(zero.nextUint32(), 3626764237u);
}

void TestPyRandom::negativeSeedDrawsLikeItsAbsoluteValue()
{
    for (const char* text : { "5", "18446744073709551617", "1606938044258990275541962092341162602522202993782792835313721" }) {
        PyRandom positive(parsed(QString::fromLatin1(text)));
        PyRandom negative(parsed("-" + QString::fromLatin1(text)));
        for (int i = 0; i < 700; ++i)
            QCOMPARE(negative.nextUint32(), positive.nextUint32());
    }
}

void TestPyRandom::reseedingRestartsTheSequenceAndTheDrawCount()
{
    PyRandom random(PyInt::fromInt64(444));
    Numbers first, again;
    for (int i = 0; i < 20; ++i)
        first << random.randint(0, 10);
    for (int i = 0; i < 1000; ++i) // move past a twist, so a stale index would show
        random.nextUint32();
    QVERIFY(random.drawCount() > 1000);
    random.seed(PyInt::fromInt64(444));
    QCOMPARE(random.drawCount(), std::uint64_t(0));
    for (int i = 0; i < 20; ++i)
        again << random.randint(0, 10);
    QCOMPARE(again, first);
    // random.seed(444); [random.randint(0, 10) for _ in range(20)] (random-vectors.json)
    QCOMPARE(first, (Numbers { 4, 4, 0, 4, 7, 4, 4, 8, 10, 7, 8, 4, 7, 1, 6, 9, 3, 9, 7, 10 }));
}

void TestPyRandom::getrandbitsDrawsOneWordUpTo32BitsAndTwoAbove_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<int>("draws");
    QTest::newRow("0 bits draw nothing") << 0 << 0;
    QTest::newRow("1 bit") << 1 << 1;
    QTest::newRow("31 bits") << 31 << 1;
    QTest::newRow("32 bits") << 32 << 1;
    QTest::newRow("33 bits") << 33 << 2;
    QTest::newRow("53 bits") << 53 << 2;
    QTest::newRow("64 bits") << 64 << 2;
}

void TestPyRandom::getrandbitsDrawsOneWordUpTo32BitsAndTwoAbove()
{
    QFETCH(int, bits);
    QFETCH(int, draws);

    PyRandom random(PyInt::fromInt64(7));
    PyRandom raw(PyInt::fromInt64(7));
    const quint64 value = random.getrandbits(bits);
    QCOMPARE(random.drawCount(), std::uint64_t(draws));
    // Python's layout: words least significant first, the top word keeps its high bits.
    quint64 expected = 0;
    if (bits > 0 && bits <= 32) {
        expected = raw.nextUint32() >> (32 - bits);
    } else if (bits > 32) {
        const quint64 low = raw.nextUint32();
        expected = low | (quint64(raw.nextUint32() >> (64 - bits)) << 32);
    }
    QCOMPARE(value, expected);
    if (bits < 64)
        QVERIFY(value < (quint64(1) << bits));
}

void TestPyRandom::randintOfASingleValueStillDrawsLikePython()
{
    // randint(a, a) is a + randbelow(1): getrandbits(1) until it gives 0, so it draws and can
    // even retry. After random.seed(1) the raw outputs' top bits are 0, 1, 1, 1, 1, 0, 0, ...
    // (first_uint32 in random-vectors.json), so the three calls below end after draws 1, 6, 7.
    PyRandom random(PyInt::fromInt64(1));
    QCOMPARE(random.randint(5, 5), std::int64_t(5));
    QCOMPARE(random.drawCount(), std::uint64_t(1));
    QCOMPARE(random.randint(int64Max, int64Max), std::int64_t(int64Max));
    QCOMPARE(random.drawCount(), std::uint64_t(6));
    QCOMPARE(random.randint(int64Min, int64Min), std::int64_t(int64Min));
    QCOMPARE(random.drawCount(), std::uint64_t(7));
}

void TestPyRandom::randomBuildsA53BitFractionFromTwoDraws()
{
    PyRandom random(PyInt::fromInt64(0));
    PyRandom raw(PyInt::fromInt64(0));
    for (int i = 0; i < 1000; ++i) {
        const double value = random.random();
        const quint64 a = raw.nextUint32() >> 5, b = raw.nextUint32() >> 6;
        QCOMPARE(value, double((a << 26) | b) / 9007199254740992.0);
        QVERIFY(value >= 0.0 && value < 1.0);
    }
    QCOMPARE(random.drawCount(), std::uint64_t(2000));
    // random.seed(0); repr(random.random()) == '0.8444218515250481'
    PyRandom zero;
    QCOMPARE(QString::asprintf("%.17g", zero.random()), QStringLiteral("0.84442185152504812"));
}

void TestPyRandom::matchesLivePython3OverManySeeds()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not on PATH: skipping the differential test against CPython's random");

    const std::vector<SeedCase> seeds = differentialSeeds();
    QVERIFY(seeds.size() >= 200);

    QStringList expected;
    std::vector<int> seedOfLine; // for messages
    QByteArray input;
    for (int s = 0; s < int(seeds.size()); ++s) {
        const SeedCase& seed = seeds[s];
        PyRandom random;
        QString keyLine;
        if (seed.decimal) {
            std::string error;
            const auto value = PyInt::parse(seed.text.toStdString(), &error);
            expected << "dec " + (value ? QString::fromStdString(value->decimal()) : "<rejected: " + QString::fromStdString(error) + ">");
            if (value) {
                random.seed(*value);
                keyLine = "key " + joined(value->magnitudeWords(), [](quint32 w) { return QString::number(w); });
            }
            input += "d " + seed.text.toUtf8() + '\n';
        } else {
            random.seedWords(seed.words);
            keyLine = "key " + joined(seed.words, [](quint32 w) { return QString::number(w); });
            input += "x " + seed.text.toLatin1() + '\n';
        }
        expected << keyLine << drawLines(random);
        while (seedOfLine.size() < std::size_t(expected.size()))
            seedOfLine.push_back(s);
    }

    const QString program = QString::fromLatin1(pythonProgram)
                                .arg(joined(belowBounds, [](quint64 n) { return QString::number(n); }, u", "),
                                    joined(
                                        wideRanges,
                                        [](const std::pair<qint64, qint64>& r) {
                                            return QStringLiteral("(%1, %2)").arg(r.first).arg(r.second);
                                        },
                                        u", "));
    QProcess process;
    process.start(python, { QStringLiteral("-c"), program });
    QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
    process.write(input);
    process.closeWriteChannel();
    QVERIFY2(process.waitForFinished(60000), "python3 did not finish within 60 s");
    const QByteArray errors = process.readAllStandardError();
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, errors.constData());

    QStringList actual = QString::fromUtf8(process.readAllStandardOutput()).split(u'\n');
    if (!actual.isEmpty() && actual.last().isEmpty())
        actual.removeLast();
    QCOMPARE(actual.size(), expected.size());

    QStringList mismatches;
    int lastReportedSeed = -1;
    for (int i = 0; i < expected.size(); ++i) {
        const int s = seedOfLine[i];
        if (actual[i] == expected[i] || s == lastReportedSeed)
            continue;
        lastReportedSeed = s;
        mismatches << QStringLiteral("seed #%1 (%2), first differing line:\n  python3: %3\n  PyRandom: %4")
                          .arg(s)
                          .arg(seeds[s].label, actual[i].left(300), expected[i].left(300));
    }
    qInfo("compared %d lines for %d seeds with %s", int(expected.size()), int(seeds.size()), qPrintable(python));
    if (!mismatches.isEmpty())
        QFAIL(qPrintable(QStringLiteral("%1 of %2 seeds differ from python3:\n").arg(mismatches.size()).arg(seeds.size())
            + mismatches.mid(0, 5).join(u'\n')));
}

QTEST_GUILESS_MAIN(TestPyRandom)
#include "tst_pyrandom.moc"
