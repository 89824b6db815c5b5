// SPDX-License-Identifier: MIT
#include "runcontrols.h"

#include "eventloop.h"
#include "windowcolours.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScreen>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>

namespace ui {

namespace {
    // A red outline drawn over a field, so it is marked without restyling the field itself
    // (a style sheet would change its size and its look in the other theme).
    class InvalidMark : public QWidget {
    public:
        explicit InvalidMark(QWidget* parent)
            : QWidget(parent)
        {
            setAttribute(Qt::WA_TransparentForMouseEvents);
            hide();
        }
        QColor colour;

    protected:
        void paintEvent(QPaintEvent*) override
        {
            QPainter painter(this);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(QPen(colour, 2.5));
            painter.drawRoundedRect(QRectF(rect()).adjusted(1.25, 1.25, -1.25, -1.25), 3, 3);
        }
    };

    // The error next to the fields: as much of the message as the row has room for, the rest
    // elided (the whole of it is the tooltip). A plain QLabel asks for its full text width,
    // and a long message ("Producers: 99999999 is more than ...") widened the window past
    // the screen, where it stayed after the error was gone.
    class ErrorLabel : public QLabel {
    public:
        explicit ErrorLabel(QWidget* parent) : QLabel(parent)
        {
            setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        }
        QSize minimumSizeHint() const override
        {
            return { fontMetrics().averageCharWidth() * 12, QLabel::minimumSizeHint().height() };
        }

    protected:
        void paintEvent(QPaintEvent*) override
        {
            QPainter painter(this);
            painter.setPen(palette().color(QPalette::WindowText));
            const QRect area = contentsRect();
            painter.drawText(area, Qt::AlignLeft | Qt::AlignVCenter,
                fontMetrics().elidedText(text(), Qt::ElideRight, area.width()));
        }
    };

    // A text field that prefers room for `digits` digits but gives it up, down to five, when
    // the row is short (a projector's 1024 pixels, or zoomed text): fixed widths made the
    // whole row, and so the window, wider than the screen.
    class SizedLineEdit : public QLineEdit {
    public:
        explicit SizedLineEdit(int digits) : m_digits(digits) { }
        QSize sizeHint() const override { return { widthFor(m_digits), QLineEdit::sizeHint().height() }; }
        QSize minimumSizeHint() const override { return { widthFor(5), QLineEdit::minimumSizeHint().height() }; }

    private:
        int widthFor(int digits) const
        {
            const int frame = style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, this);
            return fontMetrics().horizontalAdvance(QLatin1Char('0')) * digits + 2 * frame + 8;
        }
        int m_digits;
    };

    QLabel* fieldLabel(const QString& text, QWidget* buddy, QWidget* parent)
    {
        auto* label = new QLabel(text, parent);
        label->setBuddy(buddy);
        return label;
    }

    QToolButton* actionButton(QAction* action, QWidget* parent)
    {
        auto* button = new QToolButton(parent);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(false);
        return button;
    }
}

RunControls::RunControls(QAction* run, QAction* newSeed, QWidget* parent)
    : QWidget(parent)
    , m_scenario(new QComboBox(this))
    , m_parameters(new QStackedWidget(this))
    , m_arguments(new SizedLineEdit(22))
    , m_producers(new QSpinBox)
    , m_consumers(new QSpinBox)
    , m_seed(new SizedLineEdit(14))
    , m_error(new ErrorLabel(this))
{
    m_scenario->setObjectName(QStringLiteral("scenarioField"));
    m_scenario->addItem(QStringLiteral("chained.py"), int(sim::Scenario::Chained));
    m_scenario->addItem(QStringLiteral("asyncq.py"), int(sim::Scenario::Asyncq));
    // A click leaves the focus where it was (Tab still reaches it).
    m_scenario->setFocusPolicy(Qt::TabFocus);
    m_scenario->setToolTip(tr("The program to run"));

    m_arguments->setObjectName(QStringLiteral("argumentsField"));
    m_arguments->setToolTip(tr("chained.py's arguments: one chain per integer (empty: 1 2 3)"));
    for (QSpinBox* count : { m_producers, m_consumers }) {
        // Up to the task limit, not beyond (more would only be refused when run). Negative
        // counts, which asyncq.py takes as none, are typed as 0 here.
        count->setRange(0, int(sim::Limits {}.maxTasks));
        count->setGroupSeparatorShown(true);
        count->setAccelerated(true);
    }
    m_producers->setObjectName(QStringLiteral("producersField"));
    m_producers->setToolTip(tr("asyncq.py -p: how many producers"));
    m_consumers->setObjectName(QStringLiteral("consumersField"));
    m_consumers->setToolTip(tr("asyncq.py -c: how many consumers"));

    auto* chainedPage = new QWidget;
    auto* chainedRow = new QHBoxLayout(chainedPage);
    chainedRow->setContentsMargins(0, 0, 0, 0);
    chainedRow->addWidget(fieldLabel(tr("&Arguments"), m_arguments, chainedPage));
    chainedRow->addWidget(m_arguments);
    auto* asyncqPage = new QWidget;
    auto* asyncqRow = new QHBoxLayout(asyncqPage);
    asyncqRow->setContentsMargins(0, 0, 0, 0);
    asyncqRow->addWidget(fieldLabel(tr("&Producers"), m_producers, asyncqPage));
    asyncqRow->addWidget(m_producers);
    asyncqRow->addSpacing(fontMetrics().averageCharWidth());
    asyncqRow->addWidget(fieldLabel(tr("&Consumers"), m_consumers, asyncqPage));
    asyncqRow->addWidget(m_consumers);
    m_parameters->addWidget(chainedPage);
    m_parameters->addWidget(asyncqPage);

    m_seed->setObjectName(QStringLiteral("seedField"));
    m_seed->setToolTip(tr("random.seed(...): any integer, up to 4300 digits (Python's limit for int())"));

    m_error->setObjectName(QStringLiteral("runError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(fieldLabel(tr("Pro&gram"), m_scenario, this));
    row->addWidget(m_scenario);
    row->addSpacing(fontMetrics().averageCharWidth());
    row->addWidget(m_parameters);
    row->addSpacing(fontMetrics().averageCharWidth());
    row->addWidget(fieldLabel(tr("S&eed"), m_seed, this));
    row->addWidget(m_seed);
    m_buttons = { actionButton(newSeed, this), actionButton(run, this) };
    for (QToolButton* button : m_buttons)
        row->addWidget(button);
    // The error takes the free room when shown; when hidden, the stretch does, keeping the
    // fields at their own sizes.
    row->addWidget(m_error, 100);
    row->addStretch(1);

    m_invalidMark = new InvalidMark(this);
    sizeFields();
    for (QWidget* field : { static_cast<QWidget*>(m_arguments), static_cast<QWidget*>(m_seed),
             static_cast<QWidget*>(m_producers), static_cast<QWidget*>(m_consumers) })
        m_toolTips.insert(field, field->toolTip()); // an error replaces them for a while

    connect(m_scenario, &QComboBox::currentIndexChanged, this, [this] {
        showScenarioFields();
        clearError();
        emit edited();
    });
    for (QLineEdit* field : { m_arguments, m_seed }) {
        connect(field, &QLineEdit::textEdited, this, [this] {
            clearError();
            emit edited();
        });
        connect(field, &QLineEdit::returnPressed, this, &RunControls::submitted);
    }
    for (QSpinBox* count : { m_producers, m_consumers }) {
        connect(count, &QSpinBox::valueChanged, this, [this] {
            clearError();
            emit edited();
        });
        // QSpinBox has no returnPressed: its line edit does.
        connect(count->findChild<QLineEdit*>(), &QLineEdit::returnPressed, this, &RunControls::submitted);
    }
    for (QWidget* field : { static_cast<QWidget*>(m_arguments), static_cast<QWidget*>(m_seed),
             static_cast<QWidget*>(m_producers), static_cast<QWidget*>(m_consumers), static_cast<QWidget*>(m_scenario) })
        field->installEventFilter(this);
    showScenarioFields();
    setTheme(m_theme);
}

RunForm RunControls::form() const
{
    RunForm form;
    form.scenario = sim::Scenario(m_scenario->currentData().toInt());
    form.arguments = m_arguments->text();
    form.seed = m_seed->text();
    form.producers = m_producers->value();
    form.consumers = m_consumers->value();
    return form;
}

void RunControls::setForm(const RunForm& form)
{
    const QSignalBlocker blockScenario(m_scenario), blockProducers(m_producers), blockConsumers(m_consumers);
    m_scenario->setCurrentIndex(m_scenario->findData(int(form.scenario)));
    m_arguments->setText(form.arguments);
    m_seed->setText(form.seed);
    m_producers->setValue(int(std::clamp<qint64>(form.producers, 0, m_producers->maximum())));
    m_consumers->setValue(int(std::clamp<qint64>(form.consumers, 0, m_consumers->maximum())));
    showScenarioFields();
    clearError();
}

void RunControls::setSeed(const QString& seed)
{
    m_seed->setText(seed);
    clearError();
}

QWidget* RunControls::fieldFor(RunField field) const
{
    switch (field) {
    case RunField::Arguments:
        return m_arguments;
    case RunField::Seed:
        return m_seed;
    case RunField::Producers:
        return m_producers;
    case RunField::Consumers:
        return m_consumers;
    }
    return m_seed;
}

void RunControls::showError(const RunFormError& error)
{
    QWidget* field = fieldFor(error.field);
    m_invalidMark->setParent(field);
    m_invalidMark->setGeometry(field->rect());
    m_invalidMark->show();
    m_invalidMark->raise();
    m_error->setText(QStringLiteral("\u26a0 ") + error.message);
    m_error->setToolTip(error.message);
    m_error->show();
    field->setToolTip(error.message);
    field->setFocus(Qt::OtherFocusReason);
}

void RunControls::clearError()
{
    if (!hasError())
        return;
    m_invalidMark->hide();
    m_error->hide();
    m_error->clear();
    for (auto it = m_toolTips.cbegin(); it != m_toolTips.cend(); ++it)
        it.key()->setToolTip(it.value());
}

bool RunControls::hasError() const { return !m_error->isHidden(); }

QString RunControls::errorMessage() const { return hasError() ? m_error->text() : QString(); }

void RunControls::setTheme(const Theme& theme)
{
    m_theme = theme;
    static_cast<InvalidMark*>(m_invalidMark)->colour = warningColour(theme);
    m_invalidMark->update();
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, warningColour(theme));
    m_error->setPalette(palette);
}

void RunControls::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        sizeFields();
    QWidget::changeEvent(event);
}

QSize RunControls::minimumSizeHint() const
{
    QSize size = QWidget::minimumSizeHint();
    if (const QScreen* screen = this->screen())
        size.setWidth(std::min(size.width(), screen->availableGeometry().width() * 3 / 4));
    return size;
}

void RunControls::sizeFields()
{
    // Room for typical values at any text zoom, without stretching across a wide screen.
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (QLineEdit* field : { m_arguments, m_seed })
        field->updateGeometry(); // SizedLineEdit: its hints follow the font
    for (QSpinBox* count : { m_producers, m_consumers })
        count->setFixedWidth(digit * 8 + fontMetrics().height() * 2); // 7 digits and the arrows
    const int icon = qRound(fontMetrics().height() * 1.1);
    for (QToolButton* button : m_buttons)
        button->setIconSize(QSize(icon, icon));
}

bool RunControls::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Resize && watched == m_invalidMark->parent())
        m_invalidMark->setGeometry(static_cast<QWidget*>(watched)->rect());
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Escape) {
            emit editingDone();
            return true;
        }
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && watched == m_scenario) {
            // The program list has no returnPressed: Enter there runs the form as in a field.
            emit submitted();
            emit editingDone();
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            // After the field's own returnPressed (submitted) has run.
            QMetaObject::invokeMethod(this, &RunControls::editingDone, Qt::QueuedConnection);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RunControls::showScenarioFields()
{
    const int current = m_scenario->currentData().toInt() == int(sim::Scenario::Chained) ? 0 : 1;
    m_parameters->setCurrentIndex(current);
    // A stacked widget is as wide as its widest page; ignoring the hidden page's size keeps
    // the seed field next to the fields actually shown.
    for (int page = 0; page < m_parameters->count(); ++page)
        m_parameters->widget(page)->setSizePolicy(page == current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
            page == current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_parameters->adjustSize();
}

} // namespace ui
