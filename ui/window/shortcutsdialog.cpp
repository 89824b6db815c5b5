// SPDX-License-Identifier: MIT
#include "shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ui {

namespace {
    QString tableOf(const QMenu* menu)
    {
        QString rows;
        for (const QAction* action : menu->actions()) {
            if (action->menu()) {
                rows += tableOf(action->menu());
                continue;
            }
            if (action->shortcuts().isEmpty())
                continue;
            QStringList keys;
            for (const QKeySequence& key : action->shortcuts())
                keys << QStringLiteral("<b>%1</b>").arg(key.toString(QKeySequence::NativeText).toHtmlEscaped());
            // Actions whose text follows their state ("Play" / "Pause") name themselves in
            // the "shortcutName" property.
            const QString name = action->property("shortcutName").isValid()
                ? action->property("shortcutName").toString()
                : action->text().remove(QLatin1Char('&'));
            rows += QStringLiteral("<tr><td style='padding-right:2em'>%1</td><td>%2</td></tr>")
                        .arg(keys.join(QStringLiteral(" or ")), name.toHtmlEscaped());
        }
        return rows;
    }
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    // One table, so the keys of every menu line up in one column.
    QString rows;
    for (const QAction* top : menus->actions()) {
        const QString menuRows = top->menu() ? tableOf(top->menu()) : QString();
        if (!menuRows.isEmpty())
            rows += QStringLiteral("<tr><td colspan='2' style='padding-top:0.6em'><b>%1</b></td></tr>%2")
                        .arg(top->text().remove(QLatin1Char('&')), menuRows);
    }
    const QString html = QStringLiteral("<table>%1</table><p>%2</p>")
                             .arg(rows,
                                 tr("PageUp and PageDown step even while a text field has the focus, so a "
                                    "presentation clicker always works. Return in a field runs; Escape leaves "
                                    "the field."));
    auto* text = new QTextBrowser(this);
    text->setHtml(html);
    text->setFrameShape(QFrame::NoFrame);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    // Big enough to show everything without scrolling, where the screen allows.
    const int width = fontMetrics().averageCharWidth() * 58;
    text->document()->setTextWidth(width);
    const int height = int(text->document()->size().height()) + fontMetrics().height() * 7;
    const QRect screen = this->screen()->availableGeometry();
    resize(std::min(width + 60, screen.width() * 9 / 10), std::min(height, screen.height() * 9 / 10));
}

} // namespace ui
