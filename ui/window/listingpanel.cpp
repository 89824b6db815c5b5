// SPDX-License-Identifier: MIT
#include "listingpanel.h"

#include "codeview.h"
#include "statesummary.h"
#include "typography.h"
#include "windowcolours.h"

#include <QEvent>
#include <QLabel>
#include <QShortcut>
#include <QVBoxLayout>

namespace ui {

ListingPanel::ListingPanel(QWidget* parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_code(new CodeView(this))
{
    m_caption->setObjectName(QStringLiteral("listingCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::PlainText);
    m_code->setObjectName(QStringLiteral("listingText"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_caption);
    layout->addWidget(m_code, 1);
    m_code->setFont(typography::monospaceFont(font()));
    // A recorded program's listing is editable: Ctrl+Return records the edited program again.
    auto* record = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_code, nullptr, nullptr, Qt::WidgetShortcut);
    connect(record, &QShortcut::activated, this, [this] {
        if (!m_code->isReadOnly())
            emit recordEditedRequested(m_code->toPlainText());
    });
    setTheme(m_theme);
}

void ListingPanel::setRun(RunDataPtr run)
{
    // The run's own listing (a trace file carries the source it was made from).
    const QString source = run ? QString::fromStdString(run->listing) : QString();
    m_run = std::move(run);
    if (source != m_source) {
        m_source = source;
        m_code->setPlainText(source);
    }
    // Only a program recorded from a file here can be edited and recorded again.
    const bool editable = m_run && m_run->request.isRecorded() && !m_run->request.script->path.empty();
    m_code->setReadOnly(!editable);
    m_code->setToolTip(editable ? tr("Edit the program here and press Ctrl+Return: it is saved and recorded again")
                                : QString());
    m_code->highlightLine(0);
    m_caption->clear();
}

bool ListingPanel::isEditable() const { return !m_code->isReadOnly(); }

void ListingPanel::showPosition(std::size_t position, const sim::LoopState& state)
{
    if (!m_run)
        return;
    const sim::TaskId task = position == 0 ? sim::noId : m_run->index->steps()[position - 1].task;
    // At the end of a run an exception escaped: the line that raised it, as the traceback says.
    if (const sim::TraceEvent* failure = m_run->trace.failure(); state.failed && failure && failure->line != 0) {
        m_code->highlightLine(failure->line);
        const std::string_view error = m_run->trace.errorMessage();
        m_caption->setText(tr("%1, line %2 raised %3")
                               .arg(fileName())
                               .arg(failure->line)
                               .arg(QString::fromUtf8(error.data(), qsizetype(error.size()))));
        return;
    }
    const int line = task < state.tasks.size() ? state.tasks[task].line : 0;
    m_code->highlightLine(line);
    if (position == 0)
        m_code->scrollToTop(); // the program from its start, not where the last run left it
    const std::string_view name = task == sim::noId ? std::string_view() : m_run->trace.taskName(task);
    m_caption->setText(QString::fromStdString(sim::describeListingPlace(m_run->fileName(), position, name, line)));
}

void ListingPanel::setTheme(const Theme& theme)
{
    m_theme = theme;
    m_code->setHighlightColour(highlightBackground(theme));
    m_code->setGutterColours(theme.mutedText, theme.panelBackground);
    QPalette caption = m_caption->palette();
    caption.setColor(QPalette::WindowText, theme.mutedText);
    m_caption->setPalette(caption);
}

int ListingPanel::highlightedLine() const { return m_code->highlightedLine(); }

QString ListingPanel::text() const { return m_code->toPlainText(); }

void ListingPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        m_code->setFont(typography::monospaceFont(font()));
        const int margin = fontMetrics().height() / 4;
        m_caption->setContentsMargins(margin, margin, margin, margin);
    }
    QWidget::changeEvent(event);
}

} // namespace ui
