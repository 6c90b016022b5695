#pragma once
// A dock's content that asks for its natural size when there is room and scrolls when there
// is not, so one tall panel never forces the whole window taller than its screen.

#include <QScrollArea>
#include <QScrollBar>

namespace gridhall {

class ScrollPanel : public QScrollArea {
public:
    explicit ScrollPanel(QWidget* content, QWidget* parent = nullptr)
        : QScrollArea(parent)
    {
        setWidget(content);
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
    }

    QSize sizeHint() const override
    {
        if (!widget())
            return QScrollArea::sizeHint();
        // Room for the vertical scroll bar too, so a tight fit does not also scroll sideways.
        return widget()->sizeHint() + QSize(verticalScrollBar()->sizeHint().width(), 0);
    }
};

} // namespace gridhall
