#include "logexportdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

constexpr ExportFormat FORMATS[] = {ExportFormat::Csv, ExportFormat::JsonLines, ExportFormat::Har};
constexpr auto BASE_NAME = "traffic-log"_L1;

QString nameFilter(ExportFormat format)
{
    return QObject::tr("%1 (*.%2)").arg(LogExport::formatName(format), LogExport::fileSuffix(format));
}

ExportFormat formatOfFilter(const QFileDialog &dialog, const QString &filter)
{
    const qsizetype index = dialog.nameFilters().indexOf(filter);
    return index >= 0 && index < qsizetype(std::size(FORMATS)) ? FORMATS[index] : ExportFormat::Csv;
}

} // namespace

namespace LogExportDialog {

QFileDialog *create(QWidget *parent, const QString &folder, ExportFormat format)
{
    auto *dialog = new QFileDialog(parent, QObject::tr("Export the traffic log"));
    dialog->setObjectName(u"logExportDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    QStringList filters;
    for (const ExportFormat each : FORMATS)
        filters.append(nameFilter(each));
    dialog->setNameFilters(filters);
    dialog->selectNameFilter(nameFilter(format));
    dialog->setDefaultSuffix(LogExport::fileSuffix(format));
    dialog->setDirectory(QFileInfo(folder).isDir() ? folder : QDir::homePath());
    dialog->selectFile(BASE_NAME + u'.' + LogExport::fileSuffix(format));
    // Picking another file type renames the proposed file to match.
    QObject::connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        const QString suffix = LogExport::fileSuffix(formatOfFilter(*dialog, filter));
        dialog->setDefaultSuffix(suffix);
        const QStringList selected = dialog->selectedFiles();
        const QString base = selected.isEmpty() ? QString(BASE_NAME) : QFileInfo(selected.constFirst()).completeBaseName();
        dialog->selectFile((base.isEmpty() ? QString(BASE_NAME) : base) + u'.' + suffix);
    });
    return dialog;
}

ExportFormat chosenFormat(const QFileDialog &dialog, const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const ExportFormat format : FORMATS) {
        if (suffix == LogExport::fileSuffix(format))
            return format;
    }
    return formatOfFilter(dialog, dialog.selectedNameFilter());
}

} // namespace LogExportDialog
