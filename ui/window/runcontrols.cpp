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
#include <QStyleOptionSpinBox>
#include <QFileInfo>
#include <QToolButton>

#include <limits>

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
        // No length limit (QLineEdit's default stops at 32,767 characters): the form takes any
        // argument list the command line takes, chained 1..100000 included.
        explicit SizedLineEdit(int digits) : m_digits(digits) { setMaxLength(std::numeric_limits<int>::max()); }
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

    // A count (asyncq's producers, consumers) that prefers room for seven digits but gives it
    // up, down to three, when the row is short: a fixed width made the page of fields wider
    // than its room on a 1024-pixel projector, and the Producers field ran under the
    // Consumers label.
    class SizedSpinBox : public QSpinBox {
    public:
        SizedSpinBox() { setSizePolicy(QSizePolicy::Preferred, sizePolicy().verticalPolicy()); } // it may shrink
        QSize sizeHint() const override { return { widthFor(7), QSpinBox::sizeHint().height() }; }
        QSize minimumSizeHint() const override { return { widthFor(3), QSpinBox::minimumSizeHint().height() }; }

    private:
        // As QAbstractSpinBox sizes itself for its longest value: the text, a cursor, the frame
        // and the arrows, as the style draws them.
        int widthFor(int digits) const
        {
            QStyleOptionSpinBox option;
            initStyleOption(&option);
            const QSize text(fontMetrics().horizontalAdvance(QString(digits, QLatin1Char('0'))) + 2,
                lineEdit()->sizeHint().height());
            return style()->sizeFromContents(QStyle::CT_SpinBox, &option, text, this).width();
        }
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
    , m_program(new QComboBox(this))
    , m_parameters(new QStackedWidget(this))
    , m_seed(new SizedLineEdit(14))
    , m_error(new ErrorLabel(this))
{
    m_program->setObjectName(QStringLiteral("scenarioField"));
    // A click leaves the focus where it was (Tab still reaches it).
    m_program->setFocusPolicy(Qt::TabFocus);
    m_program->setToolTip(tr("The program to run"));
    m_program->setSizeAdjustPolicy(QComboBox::AdjustToContents); // its size hint follows a recorded program's name
    // One page of fields per program, built from its description.
    for (const sim::Program* program : sim::programs()) {
        m_program->addItem(qtext(program->fileName), qtext(program->name));
        m_program->setItemData(m_program->count() - 1, qtext(program->summary), Qt::ToolTipRole);
        m_parameters->addWidget(parameterPage(*program));
    }

    m_seed->setObjectName(QStringLiteral("seedField"));
    m_seed->setToolTip(tr("random.seed(...): any integer, up to 4300 digits (Python's limit for int())"));

    m_error->setObjectName(QStringLiteral("runError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(fieldLabel(tr("Pro&gram"), m_program, this));
    row->addWidget(m_program);
    row->addItem(fieldGap());
    row->addWidget(m_parameters);
    row->addItem(fieldGap());
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
    m_toolTips.insert(m_seed, m_seed->toolTip()); // an error replaces them for a while
    for (const ParameterField& field : m_fields)
        m_toolTips.insert(field.widget, field.widget->toolTip());

    connect(m_program, &QComboBox::currentIndexChanged, this, [this] {
        showProgramFields();
        clearError();
        emit edited();
    });
    connect(m_seed, &QLineEdit::textEdited, this, &RunControls::fieldEdited);
    connect(m_seed, &QLineEdit::returnPressed, this, &RunControls::submitted);
    m_seed->installEventFilter(this);
    m_program->installEventFilter(this);
    showProgramFields();
    setTheme(m_theme);
}

QWidget* RunControls::parameterPage(const sim::Program& program)
{
    auto* page = new QWidget;
    auto* row = new QHBoxLayout(page);
    row->setContentsMargins(0, 0, 0, 0);
    for (const sim::ProgramParameter& parameter : program.parameters) {
        QWidget* widget = nullptr;
        QLineEdit* editor = nullptr;
        const QString usage = parameter.shape == sim::ProgramParameter::Shape::Integers
            ? tr("%1's arguments: %2 (empty: %3)").arg(qtext(program.fileName), qtext(parameter.help), qtext(parameter.defaultText))
            : tr("%1 -%2: %3").arg(qtext(program.fileName), qtext(parameter.shortFlag), qtext(parameter.help));
        if (parameter.shape == sim::ProgramParameter::Shape::Integers) {
            editor = new SizedLineEdit(22);
            widget = editor;
        } else {
            // Any value the command line takes is typed as is: negative counts (Python's
            // range() makes them none) and counts over the task limit, which Run then
            // refuses with the command line's message instead of changing them.
            auto* count = new SizedSpinBox;
            count->setRange(-std::numeric_limits<int>::max(), std::numeric_limits<int>::max());
            count->setGroupSeparatorShown(true);
            count->setAccelerated(true);
            connect(count, &QSpinBox::valueChanged, this, &RunControls::fieldEdited);
            editor = count->findChild<QLineEdit*>(); // QSpinBox has no returnPressed: its line edit does
            widget = count;
        }
        widget->setObjectName(fieldKey(program, parameter) + QStringLiteral("Field")); // "asyncq.producersField"
        widget->setToolTip(usage);
        connect(editor, &QLineEdit::textEdited, this, &RunControls::fieldEdited);
        connect(editor, &QLineEdit::returnPressed, this, &RunControls::submitted);
        widget->installEventFilter(this);
        if (row->count() > 0)
            row->addItem(fieldGap());
        const QString label = QLatin1Char('&') + qtext(parameter.label);
        row->addWidget(fieldLabel(label, widget, page));
        row->addWidget(widget);
        m_fields.push_back(ParameterField { &program, &parameter, widget });
    }
    return page;
}

QSpacerItem* RunControls::fieldGap()
{
    m_gaps.push_back(new QSpacerItem(fontMetrics().averageCharWidth(), 0, QSizePolicy::Fixed, QSizePolicy::Minimum));
    return m_gaps.back();
}

void RunControls::fieldEdited()
{
    clearError();
    emit edited();
}

namespace {
    QString fieldText(QWidget* widget)
    {
        if (auto* count = qobject_cast<QSpinBox*>(widget))
            return QString::number(count->value());
        return static_cast<QLineEdit*>(widget)->text();
    }

    void setFieldText(QWidget* widget, const QString& text)
    {
        if (auto* count = qobject_cast<QSpinBox*>(widget)) {
            const QSignalBlocker block(count);
            bool ok = false;
            const int value = text.trimmed().toInt(&ok);
            count->setValue(ok ? value : 0);
            return;
        }
        static_cast<QLineEdit*>(widget)->setText(text);
    }
}

const sim::Program& RunControls::currentProgram() const
{
    const sim::Program* program = sim::findProgram(m_program->currentData().toString().toStdString());
    return program ? *program : sim::defaultProgram();
}

RunForm RunControls::form() const
{
    RunForm form = m_form;
    form.program = m_program->currentData().toString();
    form.seed = m_seed->text();
    for (const ParameterField& field : m_fields)
        form.setField(*field.program, *field.parameter, fieldText(field.widget));
    if (m_scriptArguments)
        form.scriptArguments = m_scriptArguments->text();
    return form;
}

void RunControls::showScript(const RunForm& form)
{
    const QString name = QFileInfo(form.scriptPath).fileName();
    if (!m_scriptArguments) {
        // The recorded program's own entry, made the first time one is shown: its argv as
        // typed after `python3 FILE.py`.
        m_scriptArguments = new SizedLineEdit(22);
        m_scriptArguments->setObjectName(QStringLiteral("scriptArgumentsField"));
        connect(m_scriptArguments, &QLineEdit::textEdited, this, &RunControls::fieldEdited);
        connect(m_scriptArguments, &QLineEdit::returnPressed, this, &RunControls::submitted);
        m_scriptArguments->installEventFilter(this);
        auto* page = new QWidget;
        auto* row = new QHBoxLayout(page);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(fieldLabel(tr("&Arguments"), m_scriptArguments, page));
        row->addWidget(m_scriptArguments);
        m_program->addItem(name, qtext(sim::scriptProgram().name));
        m_parameters->addWidget(page);
    }
    const int index = m_program->findData(qtext(sim::scriptProgram().name));
    m_program->setItemText(index, name.isEmpty() ? tr("(recorded program)") : name);
    m_program->setItemData(index, tr("%1, recorded from CPython 3.11").arg(form.scriptPath), Qt::ToolTipRole);
    m_scriptArguments->setText(form.scriptArguments);
    m_scriptArguments->setToolTip(tr("%1's arguments, as after `python3 %1` (\"double quotes\" keep a word's spaces)").arg(name));
    m_toolTips.insert(m_scriptArguments, m_scriptArguments->toolTip());
    sizeFields(); // the program's name may be longer now
}

void RunControls::setForm(const RunForm& form)
{
    m_form = form;
    const QSignalBlocker blockProgram(m_program);
    if (form.isScript())
        showScript(form);
    const int index = m_program->findData(form.program);
    m_program->setCurrentIndex(index >= 0 ? index : 0);
    m_seed->setText(form.seed);
    for (const ParameterField& field : m_fields)
        setFieldText(field.widget, form.field(*field.program, *field.parameter));
    showProgramFields();
    clearError();
}

void RunControls::setSeed(const QString& seed)
{
    m_seed->setText(seed);
    clearError();
}

QWidget* RunControls::fieldFor(const QString& key) const
{
    if (m_program->currentData().toString() == qtext(sim::scriptProgram().name))
        return key == QLatin1String("seed") ? static_cast<QWidget*>(m_seed) : m_scriptArguments;
    const sim::Program& program = currentProgram();
    for (const ParameterField& field : m_fields) {
        if (field.program == &program && qtext(field.parameter->key) == key)
            return field.widget;
    }
    return key == QLatin1String("program") ? static_cast<QWidget*>(m_program) : m_seed;
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
    if (event->type() == QEvent::FontChange) {
        sizeFields();
        fitButtons();
    }
    QWidget::changeEvent(event);
}

void RunControls::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitButtons();
}

void RunControls::fitButtons()
{
    // On a short row (a 1024-pixel projector with large text, asyncq's two counts) the
    // buttons give up their words before the fields and labels are cut, New seed first; the
    // icons stay, their tooltips say the words.
    for (QToolButton* button : m_buttons)
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    layout()->invalidate();
    int missing = layout()->minimumSize().width() - width();
    for (QToolButton* button : m_buttons) {
        if (missing <= 0)
            break;
        const int withWords = button->sizeHint().width();
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        missing -= withWords - button->sizeHint().width();
    }
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
    m_seed->updateGeometry(); // SizedLineEdit, SizedSpinBox: their hints follow the font
    for (const ParameterField& field : m_fields)
        field.widget->updateGeometry();
    // A field and the next field's label a character apart, at any text zoom.
    for (QSpacerItem* gap : m_gaps)
        gap->changeSize(fontMetrics().averageCharWidth(), 0, QSizePolicy::Fixed, QSizePolicy::Minimum);
    for (QLayout* row : findChildren<QLayout*>())
        row->invalidate();
    // The program's name is never cut ("chained.p"): on a narrow screen the argument
    // fields give up room first.
    m_program->setMinimumWidth(m_program->sizeHint().width());
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
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && watched == m_program) {
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

void RunControls::showProgramFields()
{
    const int current = std::max(0, m_program->currentIndex());
    m_parameters->setCurrentIndex(current);
    // A stacked widget is as wide as its widest page; ignoring the hidden page's size keeps
    // the seed field next to the fields actually shown.
    for (int page = 0; page < m_parameters->count(); ++page)
        m_parameters->widget(page)->setSizePolicy(page == current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
            page == current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_parameters->adjustSize();
    fitButtons(); // another program's fields take other room
}

} // namespace ui
