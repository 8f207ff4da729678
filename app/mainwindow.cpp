#include "mainwindow.h"

#include "netcontroller.h"

#include <QLabel>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(Net::NetController &net, QWidget *parent)
    : QMainWindow(parent)
    , m_net(net)
    , m_status(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"Wirebench"_s);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setTextFormat(Qt::RichText);
    m_status->setOpenExternalLinks(true);
    m_status->setText(tr("No server is running."));
    setCentralWidget(m_status);
    resize(800, 500);
    connect(&m_net, &Net::NetController::serverStatusChanged, this, &MainWindow::onStatus);
}

void MainWindow::onStatus(const Net::ServerStatus &status)
{
    if (!status.error.isEmpty())
        m_status->setText(status.error.toHtmlEscaped());
    else if (status.running)
        m_status->setText(tr("Serving <a href=\"%1\">%1</a>").arg(status.url()));
    else
        m_status->setText(tr("Stopped."));
}
