// SPDX-License-Identifier: MIT
#include "exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ui {

namespace {
    struct Format {
        const char* key;
        const char* label;
        const char* filter;
    };
    // Listed in the order a teacher is likely to want them.
    constexpr Format formats[] = {
        { "png", QT_TRANSLATE_NOOP("ui::ExportDialog", "Picture for slides (PNG)"), "PNG image (*.png)" },
        { "svg", QT_TRANSLATE_NOOP("ui::ExportDialog", "Vector picture (SVG)"), "SVG image (*.svg)" },
        { "pdf", QT_TRANSLATE_NOOP("ui::ExportDialog", "Vector picture (PDF)"), "PDF document (*.pdf)" },
        { "storyboard", QT_TRANSLATE_NOOP("ui::ExportDialog", "Handout: one page per step (PDF)"),
            "PDF document (*.pdf)" },
        { "json", QT_TRANSLATE_NOOP("ui::ExportDialog", "Trace for Perfetto / chrome://tracing (JSON)"),
            "Chrome trace (*.json)" },
        { "jsonl", QT_TRANSLATE_NOOP("ui::ExportDialog", "Raw event trace (JSON Lines)"), "JSON Lines (*.jsonl)" },
    };
}

ExportDialog::ExportDialog(ExportContext context, QWidget* parent)
    : QDialog(parent)
    , m_context(std::move(context))
{
    setWindowTitle(tr("Export"));
    auto* form = new QFormLayout;

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    for (const Format& format : formats)
        m_format->addItem(tr(format.label), QString::fromLatin1(format.key));
    form->addRow(tr("&Format"), m_format);

    m_whole = new QRadioButton(tr("The whole run"), this);
    m_visible = new QRadioButton(tr("The range shown on screen"), this);
    m_upTo = new QRadioButton(tr("Up to the current step (%1), the rest left blank").arg(m_context.cursor), this);
    m_whole->setChecked(true);
    m_visible->setEnabled(m_context.view.range.has_value());
    auto* range = new QVBoxLayout;
    range->addWidget(m_whole);
    range->addWidget(m_visible);
    range->addWidget(m_upTo);
    form->addRow(tr("Show"), range);

    m_axis = new QComboBox(this);
    m_axis->addItem(tr("Virtual time"), int(TimelineAxis::Time));
    m_axis->addItem(tr("Instants (time, steps widened)"), int(TimelineAxis::Instants));
    m_axis->addItem(tr("Steps"), int(TimelineAxis::Steps));
    m_axis->setCurrentIndex(std::max(0, m_axis->findData(int(m_context.view.axis))));
    form->addRow(tr("&Axis"), m_axis);

    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Light (for print)"), int(ThemeKind::Light));
    m_theme->addItem(tr("Dark"), int(ThemeKind::Dark));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(int(m_context.view.theme))));
    form->addRow(tr("&Theme"), m_theme);

    m_width = new QSpinBox(this);
    m_width->setRange(320, 20000);
    m_width->setValue(1600);
    m_width->setSuffix(tr(" pt"));
    form->addRow(tr("&Width"), m_width);

    m_scale = new QDoubleSpinBox(this);
    m_scale->setRange(0.25, 8);
    m_scale->setValue(2);
    m_scale->setSingleStep(0.5);
    m_scale->setSuffix(tr(" \u00d7"));
    form->addRow(tr("PNG &scale"), m_scale);

    m_pages = new QComboBox(this);
    m_pages->addItem(tr("One page per step"), int(StoryboardPages::PerStep));
    m_pages->addItem(tr("One page per instant of virtual time"), int(StoryboardPages::PerInstant));
    form->addRow(tr("&Pages"), m_pages);

    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export\u2026"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateEnabled);
    updateEnabled();
}

void ExportDialog::selectFormat(const QString& format)
{
    const int index = m_format->findData(format);
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

ExportDialogChoices ExportDialog::choices() const
{
    ExportDialogChoices choices;
    choices.format = m_format->currentData().toString();
    choices.show = m_upTo->isChecked() ? ExportDialogChoices::Show::UpToCursor
        : m_visible->isChecked()       ? ExportDialogChoices::Show::VisibleRange
                                       : ExportDialogChoices::Show::WholeRun;
    choices.width = m_width->value();
    choices.scale = m_scale->value();
    choices.pages = StoryboardPages(m_pages->currentData().toInt());
    return choices;
}

void ExportDialog::setChoices(const ExportDialogChoices& choices)
{
    selectFormat(choices.format);
    const bool visible = choices.show == ExportDialogChoices::Show::VisibleRange && m_context.view.range.has_value();
    (choices.show == ExportDialogChoices::Show::UpToCursor ? m_upTo : visible ? m_visible : m_whole)->setChecked(true);
    m_width->setValue(choices.width);
    m_scale->setValue(choices.scale);
    m_pages->setCurrentIndex(std::max(0, m_pages->findData(int(choices.pages))));
}

void ExportDialog::updateEnabled()
{
    const QString key = m_format->currentData().toString();
    const bool picture = key == QLatin1String("png") || key == QLatin1String("svg") || key == QLatin1String("pdf");
    const bool storyboard = key == QLatin1String("storyboard");
    // The handout always covers the whole run, each page up to its own step, on A4 pages:
    // what part of the run and the width are for pictures only.
    for (QWidget* widget : std::initializer_list<QWidget*> { m_whole, m_upTo, m_width })
        widget->setEnabled(picture);
    m_visible->setEnabled(picture && m_context.view.range.has_value());
    m_axis->setEnabled(picture || storyboard);
    m_theme->setEnabled(picture || storyboard);
    m_scale->setEnabled(key == QLatin1String("png"));
    m_pages->setEnabled(storyboard);
    if (storyboard)
        m_hint->setText(tr("The whole run on A4 pages, one per step (or per instant): the timeline up to that step, "
                           "why it happened and what it did, the output so far, the program's line and the event "
                           "loop's state."));
    else if (picture)
        m_hint->setText(tr("Title, legend, axis and lane names are included; text stays text in SVG and PDF."));
    else
        m_hint->setText(tr("The whole run, every scheduler decision."));
}

QString ExportDialog::defaultSuffix() const
{
    const QString key = m_format->currentData().toString();
    return key == QLatin1String("storyboard") ? QStringLiteral("pdf") : key;
}

QString ExportDialog::fileFilter() const
{
    const QString key = m_format->currentData().toString();
    for (const Format& format : formats) {
        if (key == QLatin1String(format.key))
            return QString::fromLatin1(format.filter);
    }
    return {};
}

ExportJob ExportDialog::job(const QString& path) const
{
    ExportJob job;
    job.run = m_context.run;
    job.path = path;
    job.storyboard = m_format->currentData().toString() == QLatin1String("storyboard");
    job.pages = StoryboardPages(m_pages->currentData().toInt());
    PictureOptions& options = job.picture;
    options.axis = TimelineAxis(m_axis->currentData().toInt());
    options.theme = ThemeKind(m_theme->currentData().toInt());
    options.width = m_width->value();
    options.scale = m_scale->value();
    options.cursor = m_context.cursor;
    options.textScale = m_context.view.textScale;
    options.showInternalTasks = m_context.view.showInternalTasks;
    if (job.storyboard) {
        // every page shows the run up to its own step (writeStoryboard)
    } else if (m_upTo->isChecked()) {
        options.range = ExportRange::UpToCursor;
    } else if (m_visible->isChecked() && m_context.view.range && options.axis == m_context.view.axis) {
        options.range = ExportRange::VisibleRange;
        options.visible = m_context.view.range;
    }
    return job;
}

} // namespace ui
