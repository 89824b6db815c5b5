// SPDX-License-Identifier: MIT
#pragma once

#include "mainwindow.h"
#include "playbackcontroller.h"

#include <QApplication>
#include <QSize>
#include <QTest>
#include <QWidget>

#include <cstddef>
#include <memory>

// The window on screen, active, with its first run shown: what a teacher sees after
// starting `loopscope`. The window tests' fixtures start from it; `ready` says whether it
// got there.
class StartedWindow {
public:
    explicit StartedWindow(QSize size = QSize(1600, 1000))
        : window(std::make_unique<ui::MainWindow>())
    {
        // The tests' own size: the offscreen screen is small, where a first launch maximizes.
        window->setWindowState(Qt::WindowNoState);
        window->resize(size);
        window->show();
        window->activateWindow();
        ready = QTest::qWaitForWindowActive(window.get())
            && QTest::qWaitFor([this] { return bool(window->run()); }, 10000);
    }

    ui::MainWindow* operator->() const { return window.get(); }
    ui::MainWindow& operator*() const { return *window; }

    // A key as the keyboard delivers it: to whichever widget has the focus.
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) const
    {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : window.get();
        QTest::keyClick(target, Qt::Key(key), modifiers);
    }

    std::size_t position() const { return window->playback()->position(); }

    std::unique_ptr<ui::MainWindow> window;
    bool ready = false;
};
