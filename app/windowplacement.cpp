#include "windowplacement.h"

#include <algorithm>

namespace WindowPlacement {

bool fits(const QSize &size, const QRect &available, const QMargins &frame)
{
    return size.width() + frame.left() + frame.right() <= available.width()
        && size.height() + frame.top() + frame.bottom() <= available.height();
}

QRect firstRun(const QSize &preferred, const QRect &available, const QMargins &frame)
{
    const QSize room = available.marginsRemoved(frame).size();
    QRect window(QPoint(), preferred.boundedTo(room));
    window.moveCenter(available.center());
    return onScreen(window, available, frame);
}

QRect onScreen(const QRect &geometry, const QRect &available, const QMargins &frame)
{
    const QRect room = available.marginsRemoved(frame);
    QRect window(geometry.topLeft(), geometry.size().boundedTo(room.size()));
    // Pushed back inside from whichever edge it crosses; the top-left wins when
    // both do, so the title bar always stays reachable.
    window.moveRight(std::min(window.right(), room.right()));
    window.moveBottom(std::min(window.bottom(), room.bottom()));
    window.moveLeft(std::max(window.left(), room.left()));
    window.moveTop(std::max(window.top(), room.top()));
    return window;
}

} // namespace WindowPlacement
