// SPDX-License-Identifier: MIT
#include "theme.h"

#include "vocabulary.h"

namespace ui {

namespace {
    // Okabe & Ito (2008), "Color Universal Design": eight colours that stay apart for the
    // common colour-vision deficiencies and on washed-out projectors.
    namespace okabeIto {
        const QColor orange(0xE6, 0x9F, 0x00);
        const QColor skyBlue(0x56, 0xB4, 0xE9);
        const QColor bluishGreen(0x00, 0x9E, 0x73);
        const QColor yellow(0xF0, 0xE4, 0x42);
        const QColor blue(0x00, 0x72, 0xB2);
        const QColor vermillion(0xD5, 0x5E, 0x00);
        const QColor reddishPurple(0xCC, 0x79, 0xA7);
        const QColor black(0x00, 0x00, 0x00);
    }
}

Theme Theme::light()
{
    Theme t;
    t.m_kind = ThemeKind::Light;
    t.background = QColor(0xFF, 0xFF, 0xFF);
    t.foreground = QColor(0x1C, 0x1E, 0x21);
    t.mutedText = QColor(0x5C, 0x61, 0x68);
    t.grid = QColor(0xD9, 0xDC, 0xE0);
    t.laneSeparator = QColor(0xF3, 0xF4, 0xF6); // every other lane's band
    t.cursor = okabeIto::vermillion;
    t.arrow = QColor(0x3A, 0x3D, 0x42);
    t.tieMark = QColor(0x1C, 0x1E, 0x21);
    t.highlight = okabeIto::blue;
    t.panelBackground = QColor(0xF6, 0xF7, 0xF9);
    return t;
}

Theme Theme::dark()
{
    Theme t;
    t.m_kind = ThemeKind::Dark;
    t.background = QColor(0x1A, 0x1C, 0x20);
    t.foreground = QColor(0xEC, 0xEE, 0xF0);
    t.mutedText = QColor(0xA4, 0xA9, 0xB0);
    t.grid = QColor(0x3A, 0x3E, 0x45);
    t.laneSeparator = QColor(0x21, 0x24, 0x29);
    t.cursor = QColor(0xFF, 0x7F, 0x1F); // vermillion, lifted for a dark background
    t.arrow = QColor(0xD4, 0xD7, 0xDB);
    t.tieMark = QColor(0xEC, 0xEE, 0xF0);
    t.highlight = okabeIto::skyBlue;
    t.panelBackground = QColor(0x23, 0x26, 0x2B);
    return t;
}

const std::array<sim::TaskState, 16>& Theme::states()
{
    using sim::TaskState;
    static const std::array<TaskState, 16> order { TaskState::Running, TaskState::Ready, TaskState::Sleeping,
        TaskState::WaitingGet, TaskState::WaitingPut, TaskState::WaitingJoin, TaskState::WaitingLock,
        TaskState::WaitingSemaphore, TaskState::WaitingEvent, TaskState::WaitingCondition, TaskState::AwaitingChildren,
        TaskState::AwaitingTask, TaskState::AwaitingFuture, TaskState::Done, TaskState::Cancelled, TaskState::Failed };
    static_assert(std::size_t(TaskState::Failed) + 1 == 16);
    return order;
}

Theme Theme::forKind(ThemeKind kind)
{
    return kind == ThemeKind::Dark ? dark() : light();
}

StateStyle Theme::style(sim::TaskState state) const
{
    using sim::TaskState;
    const bool dark = m_kind == ThemeKind::Dark;
    // Patterns are drawn over the fill in patternColor; each state differs from the others
    // in colour AND in pattern (or in the bar's height, which the painter gives by state),
    // so the picture still reads in grey-scale. The states of waiting on a shared object (the
    // queue, a lock, a semaphore, an event, a condition) share one colour (they are one idea,
    // "blocked until another task acts on that object") and differ by pattern; so do the
    // states of awaiting another task's result (gather, a task, a future).
    const QColor ink = dark ? QColor(0x10, 0x12, 0x14) : okabeIto::black;
    const QColor paper = dark ? QColor(0x1A, 0x1C, 0x20) : QColor(0xFF, 0xFF, 0xFF);
    const QString label = QString::fromUtf8(sim::words(state).label);
    switch (state) {
    case TaskState::Running:
        return {okabeIto::blue, okabeIto::blue.darker(150), Qt::SolidPattern, okabeIto::blue, label};
    case TaskState::Ready:
        return {okabeIto::yellow, QColor(0x9A, 0x8F, 0x00), Qt::Dense6Pattern, QColor(0x6B, 0x63, 0x00), label};
    case TaskState::Sleeping:
        return {okabeIto::skyBlue, QColor(0x2A, 0x7A, 0xA8), Qt::BDiagPattern, QColor(0x1D, 0x5E, 0x85), label};
    case TaskState::WaitingGet:
        return {okabeIto::orange, QColor(0x9C, 0x6B, 0x00), Qt::HorPattern, QColor(0x7A, 0x53, 0x00), label};
    case TaskState::WaitingPut:
        return {okabeIto::orange, QColor(0x9C, 0x6B, 0x00), Qt::VerPattern, QColor(0x7A, 0x53, 0x00), label};
    case TaskState::WaitingJoin:
        return {okabeIto::orange, QColor(0x9C, 0x6B, 0x00), Qt::CrossPattern, QColor(0x7A, 0x53, 0x00), label};
    case TaskState::WaitingLock:
        return { okabeIto::orange, QColor(0x9C, 0x6B, 0x00), Qt::FDiagPattern, QColor(0x7A, 0x53, 0x00), label };
    case TaskState::WaitingSemaphore:
        return { okabeIto::orange, QColor(0x9C, 0x6B, 0x00), Qt::BDiagPattern, QColor(0x7A, 0x53, 0x00), label };
    case TaskState::WaitingEvent:
        return { okabeIto::orange, QColor(0x9C, 0x6B, 0x00), Qt::Dense5Pattern, QColor(0x7A, 0x53, 0x00), label };
    case TaskState::WaitingCondition:
        return { okabeIto::orange, QColor(0x9C, 0x6B, 0x00), Qt::DiagCrossPattern, QColor(0x7A, 0x53, 0x00), label };
    case TaskState::AwaitingTask:
        return { okabeIto::reddishPurple, QColor(0x8E, 0x45, 0x6E), Qt::HorPattern, QColor(0x7A, 0x35, 0x5C), label };
    case TaskState::AwaitingChildren:
        return {okabeIto::reddishPurple, QColor(0x8E, 0x45, 0x6E), Qt::FDiagPattern, QColor(0x7A, 0x35, 0x5C), label};
    case TaskState::AwaitingFuture:
        return {okabeIto::reddishPurple, QColor(0x8E, 0x45, 0x6E), Qt::DiagCrossPattern, QColor(0x7A, 0x35, 0x5C), label};
    case TaskState::Done:
        return {okabeIto::bluishGreen, okabeIto::bluishGreen, Qt::SolidPattern, okabeIto::bluishGreen, label};
    case TaskState::Cancelled: {
        // Okabe-Ito black; on a dark background "black" has to be the light ink.
        const QColor fill = dark ? QColor(0xB8, 0xBC, 0xC2) : QColor(0x3A, 0x3D, 0x42);
        return {fill, fill, Qt::DiagCrossPattern, paper, label};
    }
    case TaskState::Failed:
        return {okabeIto::vermillion, ink, Qt::Dense4Pattern, ink, label};
    }
    return {foreground, foreground, Qt::SolidPattern, foreground, label};
}

QPalette Theme::palette() const
{
    const bool dark = m_kind == ThemeKind::Dark;
    const QColor button = dark ? QColor(0x2E, 0x32, 0x38) : QColor(0xEC, 0xEE, 0xF1);
    QPalette p(foreground, button, button.lighter(130), button.darker(150), button.darker(120), foreground,
        dark ? QColor(0xFF, 0xFF, 0xFF) : QColor(0x00, 0x00, 0x00), background, panelBackground);
    p.setColor(QPalette::AlternateBase, laneSeparator);
    p.setColor(QPalette::ButtonText, foreground);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, dark ? QColor(0x10, 0x12, 0x14) : QColor(0xFF, 0xFF, 0xFF));
    p.setColor(QPalette::ToolTipBase, dark ? QColor(0x2E, 0x32, 0x38) : QColor(0xFF, 0xFF, 0xF2));
    p.setColor(QPalette::ToolTipText, foreground);
    p.setColor(QPalette::PlaceholderText, mutedText);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::LinkVisited, highlight.darker(120));
    p.setColor(QPalette::BrightText, cursor);
    const QColor disabled = dark ? QColor(0x6E, 0x73, 0x7A) : QColor(0xA0, 0xA4, 0xAA);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, grid);
    return p;
}

QPalette Theme::menuPalette() const
{
    QPalette p = palette();
    // Fusion's outline is Window darkened by 140% (and lightened by 110% for a check box).
    p.setColor(QPalette::Window, m_kind == ThemeKind::Dark ? mutedText : QColor(0xB0, 0xB5, 0xBC));
    return p;
}

} // namespace ui
