#include "filetransferrow.h"

#include "elidedlabel.h"
#include "format.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>

using namespace Qt::StringLiterals;

namespace {
// The bar counts in thousandths: a file may be larger than an int counts.
constexpr int PROGRESS_STEPS = 1000;
} // namespace

FileTransferRow::FileTransferRow(QWidget *parent)
    : QWidget(parent)
{
    // Created in tab order: the focus chain follows creation.
    m_sendFileButton = new QPushButton(tr("Send file…"), this);
    m_progress = new QProgressBar(this);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_saveCheck = new QCheckBox(tr("Save received to…"), this);
    m_savePathLabel = new ElidedLabel(this);

    m_sendFileButton->setObjectName(u"clientSendFileButton"_s);
    m_sendFileButton->setAccessibleName(tr("Send a file to the peer"));
    m_progress->setObjectName(u"clientFileProgress"_s);
    m_progress->setAccessibleName(tr("File sending progress"));
    m_progress->setRange(0, PROGRESS_STEPS);
    m_progress->setVisible(false);
    m_cancelButton->setObjectName(u"clientFileCancelButton"_s);
    m_cancelButton->setAccessibleName(tr("Cancel sending the file"));
    m_cancelButton->setVisible(false);
    m_saveCheck->setObjectName(u"clientSaveReceivedCheck"_s);
    m_saveCheck->setAccessibleName(tr("Save received data to a file"));
    m_saveCheck->setToolTip(tr("Appends every byte received from now on to a file."));
    m_savePathLabel->setObjectName(u"clientSaveReceivedPathLabel"_s);
    m_savePathLabel->setAccessibleName(tr("File that received data is saved to"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(m_sendFileButton, 0, 0);
    layout->addWidget(m_progress, 0, 1);
    layout->addWidget(m_cancelButton, 0, 2);
    layout->addWidget(m_saveCheck, 1, 0);
    layout->addWidget(m_savePathLabel, 1, 1, 1, 2);
    layout->setColumnStretch(1, 1);

    connect(m_sendFileButton, &QPushButton::clicked, this, &FileTransferRow::chooseFileToSend);
    connect(m_cancelButton, &QPushButton::clicked, this, &FileTransferRow::cancelRequested);
    connect(m_saveCheck, &QCheckBox::toggled, this, &FileTransferRow::onSaveToggled);
}

FileTransferRow::~FileTransferRow() = default;

void FileTransferRow::setProtocol(Net::ClientProtocol protocol)
{
    m_sendFileButton->setVisible(protocol == Net::ClientProtocol::Tcp);
    if (protocol != Net::ClientProtocol::Tcp)
        stopProgress();
    setVisible(protocol != Net::ClientProtocol::Http);
}

void FileTransferRow::sendFile(const QString &path)
{
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_progress->setVisible(true);
    m_cancelButton->setVisible(true);
    emit sendFileRequested(path);
}

void FileTransferRow::setSaveReceivedPath(const QString &path)
{
    m_savePath = path;
    {
        const QSignalBlocker blocker(m_saveCheck);
        m_saveCheck->setChecked(!path.isEmpty());
    }
    m_savePathLabel->setText(path);
    emit saveReceivedChanged(path);
}

void FileTransferRow::setProgress(qint64 sent, qint64 total)
{
    m_progress->setValue(total > 0 ? int(sent * PROGRESS_STEPS / total) : PROGRESS_STEPS);
    m_progress->setFormat(tr("%1 of %2").arg(Format::bytes(sent), Format::bytes(total)));
    if (sent >= total)
        stopProgress();
}

void FileTransferRow::stopProgress()
{
    m_progress->setVisible(false);
    m_cancelButton->setVisible(false);
}

void FileTransferRow::chooseFileToSend()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Send a file"));
    if (!path.isEmpty())
        sendFile(path);
}

// Checking asks where to save (appending to a file that exists); unchecking stops.
void FileTransferRow::onSaveToggled(bool on)
{
    if (!on) {
        setSaveReceivedPath({});
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Save received data to"), {}, {}, nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    setSaveReceivedPath(path);
}
