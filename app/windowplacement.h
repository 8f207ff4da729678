#pragma once

#include <QMargins>
#include <QRect>
#include <QSize>

// Where the main window goes on the screen it opens on. Pure geometry, so
// the rules are tested without a screen.
namespace WindowPlacement {

// What a window manager's frame may add around the window before it is
// known (a title bar and thin borders).
constexpr QMargins FrameAllowance{4, 32, 4, 4};

// True when a window of `size` (frame allowance added) fits in `available`.
bool fits(const QSize &size, const QRect &available, const QMargins &frame = FrameAllowance);

// A first run: `preferred`, no larger than `available` allows, centred in it.
QRect firstRun(const QSize &preferred, const QRect &available, const QMargins &frame = FrameAllowance);

// A restored geometry shrunk to fit `available` and moved inside it, frame
// and all: a window saved on a larger or vanished screen comes back whole.
QRect onScreen(const QRect &geometry, const QRect &available, const QMargins &frame = FrameAllowance);

} // namespace WindowPlacement
