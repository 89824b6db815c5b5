// SPDX-License-Identifier: MIT
#pragma once

#include <QApplication>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

// Answers modal dialogs as they show, in order, one step each: what a user clicks through.
// A step that does not match the dialog on screen fails the test (and closes it).
class ModalScript : public QObject {
public:
    using Step = std::function<void(QWidget* dialog)>;
    explicit ModalScript(QList<Step> steps)
        : m_steps(std::move(steps))
    {
        m_poll.setInterval(20);
        connect(&m_poll, &QTimer::timeout, this, [this] {
            QWidget* dialog = QApplication::activeModalWidget();
            if (!dialog || dialog == m_last || !dialog->isVisible() || m_steps.isEmpty())
                return;
            m_last = dialog;
            m_steps.takeFirst()(dialog);
        });
        m_poll.start();
    }
    bool done() const { return m_steps.isEmpty(); }

private:
    QList<Step> m_steps;
    QTimer m_poll;
    QPointer<QWidget> m_last;
};
