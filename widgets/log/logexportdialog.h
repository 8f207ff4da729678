#pragma once

#include "logexport.h"

class QFileDialog;
class QWidget;

// The Save dialog of the traffic-log export: one dialog for every format,
// chosen in its file type list (or by the suffix typed), opening in the
// folder used last rather than the working directory.
namespace LogExportDialog {

// A window-modal dialog, not yet shown; it deletes itself when closed.
QFileDialog *create(QWidget *parent, const QString &folder, ExportFormat format);
// The format for the file the user chose: its suffix when it names one of
// ours ("log.har"), else the file type selected in the dialog.
ExportFormat chosenFormat(const QFileDialog &dialog, const QString &path);

} // namespace LogExportDialog
