#pragma once

#include <QLabel>

// A one-line label for sentences that come and go (a session's state, "N
// events not shown"): it takes the width its layout gives it and never asks
// for more, so a long sentence can neither widen its pane nor push the
// controls beside it. What does not fit ends in "…"; the tooltip and the
// accessible name's text() still hold the whole sentence.
class ElidedLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // True when the text is wider than the label and shows cut.
    bool isElided() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
};
