#pragma once

#include <QMainWindow>

namespace Net {
class NetController;
struct ServerStatus;
}
class QLabel;

// The workbench window. For now it serves the demo site and says where.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Net::NetController &net, QWidget *parent = nullptr);

private:
    void onStatus(const Net::ServerStatus &status);

    Net::NetController &m_net;
    QLabel *m_status;
};
