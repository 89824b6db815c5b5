// SPDX-License-Identifier: MIT
#include "shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QMenu>
#include <QMenuBar>
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
            rows += QStringLiteral("<tr><td style='padding-right:2em'>%1</td><td>%2</td></tr>")
                        .arg(keys.join(QStringLiteral(" or ")), action->text().remove(QLatin1Char('&')).toHtmlEscaped());
        }
        return rows;
    }
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    QString html;
    for (const QAction* top : menus->actions()) {
        const QString rows = top->menu() ? tableOf(top->menu()) : QString();
        if (!rows.isEmpty())
            html += QStringLiteral("<h3>%1</h3><table>%2</table>").arg(top->text().remove(QLatin1Char('&')), rows);
    }
    html += tr("<p>PageUp and PageDown step even while a text field has the focus, so a "
               "presentation clicker always works. Return in a field runs; Escape leaves the field.</p>");
    auto* text = new QTextBrowser(this);
    text->setHtml(html);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 70, fontMetrics().height() * 30);
}

} // namespace ui
