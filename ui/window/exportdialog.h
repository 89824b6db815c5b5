// SPDX-License-Identifier: MIT
#pragma once

#include "exportjob.h"
#include "viewstate.h"

#include <QDialog>

#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace ui {

// What the window knows when the user exports: the run, the cursor and the view state
// (axis, the range on screen if zoomed in, theme, text size, internal tasks).
struct ExportContext {
    RunDataPtr run;
    std::size_t cursor = 0;
    ViewSettings view;
};

// The choices of the dialog worth offering again the next time it opens. The axis, the
// theme and the text size follow the window's view; the range shown on screen falls back to
// the whole run when the window is not zoomed in.
struct ExportDialogChoices {
    enum class Show { WholeRun, VisibleRange, UpToCursor };
    QString format = QStringLiteral("png");
    Show show = Show::WholeRun;
    int width = 1600;
    double scale = 2;
    StoryboardPages pages = StoryboardPages::PerStep;
    bool operator==(const ExportDialogChoices&) const = default;
};

// File > Export: the format (picture, storyboard handout, Perfetto trace, raw trace), what
// part of the run, the axis and the theme (the window's to start with) and the size. Choices
// that do not apply to the format are disabled (the handout takes the axis, the theme and
// its pages). The file name is asked for after OK; job() then says what to write.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(ExportContext context, QWidget* parent = nullptr);

    // The job for `path` with the choices made in the dialog.
    ExportJob job(const QString& path) const;
    // The file-dialog filter and default suffix for the chosen format.
    QString fileFilter() const;
    QString defaultSuffix() const;
    // Selects a format by suffix ("png", "svg", "pdf", "storyboard", "json", "jsonl").
    void selectFormat(const QString& format);
    ExportDialogChoices choices() const;
    void setChoices(const ExportDialogChoices& choices);

private:
    void updateEnabled();

    ExportContext m_context;
    QComboBox* m_format = nullptr;
    QRadioButton* m_whole = nullptr;
    QRadioButton* m_visible = nullptr;
    QRadioButton* m_upTo = nullptr;
    QComboBox* m_axis = nullptr;
    QComboBox* m_theme = nullptr;
    QSpinBox* m_width = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QComboBox* m_pages = nullptr;
    QLabel* m_hint = nullptr;
};

} // namespace ui
