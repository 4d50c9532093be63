<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>App</name>
    <message>
        <source>Accounting import</source>
        <translation>Buchhaltungsimport</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
</context>
<context>
    <name>InterfaceForm</name>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Undo all changes since the last save.</source>
        <translation>Alle Änderungen seit dem letzten Speichern verwerfen.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Check the values and save them (Ctrl+S).</source>
        <translation>Die Eingaben prüfen und speichern (Strg+S).</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Server-side</source>
        <translation>Serverseitig</translation>
    </message>
    <message>
        <source>from</source>
        <translation>ab</translation>
    </message>
    <message>
        <source>Execution details</source>
        <translation>Ausführungsdetails</translation>
    </message>
    <message>
        <source>Please choose</source>
        <translation>Bitte wählen</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message>
        <source>e.g. Zahlungen</source>
        <translation>z. B. Zahlungen</translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation>Stündlich</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Weekly on the following days</source>
        <translation>Wöchentlich an folgenden Tagen</translation>
    </message>
    <message>
        <source>Day of the month</source>
        <translation>Tag des Monats</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> Minuten</translation>
    </message>
    <message>
        <source>last</source>
        <translation>letzter</translation>
    </message>
    <message>
        <source>The last day of every month.</source>
        <translation>Der letzte Tag jedes Monats.</translation>
    </message>
    <message>
        <source>FTPS (explicit TLS)</source>
        <translation>FTPS (explizit, TLS)</translation>
    </message>
    <message>
        <source>Append “/”</source>
        <translation>„/“ anhängen</translation>
    </message>
    <message>
        <source>Adds the missing “/” at the end.</source>
        <translation>Hängt das fehlende „/“ am Ende an.</translation>
    </message>
    <message>
        <source>E-mail address for error reports</source>
        <translation>E-Mail-Adresse für Fehlerbericht</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>(all branches)</source>
        <translation>(alle Filialen)</translation>
    </message>
    <message>
        <source>Interface “{name}”</source>
        <translation>Schnittstelle „{name}“</translation>
    </message>
    <message>
        <source>New interface</source>
        <translation>Neue Schnittstelle</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n entry needs to be corrected.</source>
        <translation>
            <numerusform>Nicht gespeichert: %n Eingabe muss korrigiert werden.</numerusform>
            <numerusform>Nicht gespeichert: %n Eingaben müssen korrigiert werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>The name of the interface. It identifies the interface in the list, in the log and on the command line.</source>
        <translation>Der Name der Schnittstelle. Unter ihm erscheint sie in der Liste, im Protokoll und auf der Kommandozeile.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Only active interfaces run automatically.</source>
        <translation>Nur aktive Schnittstellen laufen automatisch.</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Optional. Restricts the interface to one branch. Empty: every branch may use it.</source>
        <translation>Optional. Beschränkt die Schnittstelle auf eine Filiale. Leer: Jede Filiale darf sie nutzen.</translation>
    </message>
    <message>
        <source>With workstation settings</source>
        <translation>Mit Arbeitsplatzeinstellungen</translation>
    </message>
    <message>
        <source>Binds the interface to one workstation. Without it, the interface is set up for the branch chain: it runs on any computer of the chain, but only once per due time.</source>
        <translation>Bindet die Schnittstelle an einen Arbeitsplatz. Ohne diese Einstellung ist sie für die Filialkette eingerichtet: Sie läuft auf jedem Rechner der Kette, aber je Fälligkeit nur einmal.</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>The workstation&apos;s computer name when the interface is bound to a workstation (“With workstation settings”). An interface set up for the branch chain instead runs on any computer of the chain, but only once per due time.</source>
        <translation>Der Rechnername des Arbeitsplatzes, wenn die Schnittstelle an einen Arbeitsplatz gebunden ist („Mit Arbeitsplatzeinstellungen“). Eine für die Filialkette eingerichtete Schnittstelle läuft dagegen auf jedem Rechner der Kette, aber je Fälligkeit nur einmal.</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <source>Shows where the interface runs: “Server-side” means it is run by the background service, with no one logged in.</source>
        <translation>Zeigt, wo die Schnittstelle läuft: „Serverseitig“ heißt, der Hintergrunddienst führt sie aus, ohne dass jemand angemeldet ist.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Optional date from which the interface is released automatically. Empty: at once. Before it, nothing runs.</source>
        <translation>Optionales Datum, ab dem die Schnittstelle automatisch freigegeben ist. Leer: sofort. Vorher läuft nichts.</translation>
    </message>
    <message>
        <source>Import type</source>
        <translation>Importart</translation>
    </message>
    <message>
        <source>The format of the payment files: Geschlossene Posten, Offene Posten, DATEV Buchungsstapel, DATEV OPOS, MT940 or camt.053.</source>
        <translation>Das Format der Zahlungsdateien: Geschlossene Posten, Offene Posten, DATEV Buchungsstapel, DATEV OPOS, MT940 oder camt.053.</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>One or more accounting clients (Mandanten). Only their invoices are touched.</source>
        <translation>Ein oder mehrere Mandanten. Nur deren Rechnungen werden bearbeitet.</translation>
    </message>
    <message>
        <source>Set invoices paid up to</source>
        <translation>Rechnungen bezahlt setzen bis zum</translation>
    </message>
    <message>
        <source>Yesterday, today or tomorrow: the date of the settlement bookings. “tomorrow” is accepted only when the chain options allow bookings in the future.</source>
        <translation>gestern, heute oder morgen: das Datum der Ausgleichsbuchungen. „morgen“ ist nur erlaubt, wenn die Filialkettenoptionen Buchungen in der Zukunft zulassen.</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
    <message>
        <source>A part of the file name, e.g. “Zahlungen”. Every file in the directory whose name contains it is fetched, so one run may import several files. Empty: every file.</source>
        <translation>Ein Teil des Dateinamens, z. B. „Zahlungen“. Jede Datei im Verzeichnis, deren Name ihn enthält, wird abgeholt; ein Lauf kann also mehrere Dateien importieren. Leer: jede Datei.</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Hourly: every hour, or every x minutes (no run time). Daily: every day at the run time. Weekly: on the chosen weekdays at the run time. Day of the month: day 1 to 28, or the last day of the month, at the run time. No run ever starts outside 06:00 to 22:00, hourly runs included.</source>
        <translation>Stündlich: jede Stunde oder alle x Minuten (ohne Ausführungszeit). Täglich: jeden Tag zur Ausführungszeit. Wöchentlich: an den gewählten Wochentagen zur Ausführungszeit. Tag des Monats: Tag 1 bis 28 oder der letzte Tag des Monats, zur Ausführungszeit. Kein Lauf beginnt außerhalb von 06:00 bis 22:00 Uhr, auch kein stündlicher.</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Hourly runs: every x minutes, from 5 to 720. 60 means every hour.</source>
        <translation>Stündliche Läufe: alle x Minuten, 5 bis 720. 60 heißt jede Stunde.</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>Ausführungszeit</translation>
    </message>
    <message>
        <source>Time of day of the run, only 06:00 to 22:00. Earlier or later is refused: maintenance runs then.</source>
        <translation>Uhrzeit des Laufs, nur 06:00 bis 22:00 Uhr. Früher oder später wird abgelehnt: Dann laufen Wartungsarbeiten.</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>The weekdays on which the interface runs; at least one.</source>
        <translation>Die Wochentage, an denen die Schnittstelle läuft; mindestens einer.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Day of the month, 1 to 28, or “last” for the last day of the month.</source>
        <translation>Tag des Monats, 1 bis 28, oder „letzter“ für den letzten Tag des Monats.</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>FTP, FTPS with explicit TLS (the server&apos;s certificate is checked) or SFTP (SSH).</source>
        <translation>FTP, FTPS mit explizitem TLS (das Zertifikat des Servers wird geprüft) oder SFTP (SSH).</translation>
    </message>
    <message>
        <source>FTP host name</source>
        <translation>FTP Hostname</translation>
    </message>
    <message>
        <source>The FTP server, provided by the branch or the tax advisor. Only the host name, without “ftp://”.</source>
        <translation>Der FTP-Server (bereitgestellt von der Filiale oder vom Steuerberater). Nur der Hostname, ohne „ftp://“.</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Empty: the default port, 21 for FTP and FTPS (explicit), 22 for SFTP.</source>
        <translation>Leer: der Standardport, 21 für FTP und FTPS (explizit), 22 für SFTP.</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <source>Directory on the server. Empty: the root. It must end with “/”, e.g. BUCHHALTUNG/IMPORTE/.</source>
        <translation>Verzeichnis auf dem Server. Leer: das Hauptverzeichnis. Es muss mit „/“ enden, z. B. BUCHHALTUNG/IMPORTE/.</translation>
    </message>
    <message>
        <source>Date subdirectories</source>
        <translation>Datums-Unterverzeichnisse</translation>
    </message>
    <message>
        <source>When on, files are also searched in date-named subdirectories of the directory (YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD) up to today, oldest first.</source>
        <translation>Wenn eingeschaltet, werden Dateien auch in Unterverzeichnissen mit Datumsnamen gesucht (JJJJ-MM-TT, JJJJMMTT, JJJJ/MM/TT), bis heute, die ältesten zuerst.</translation>
    </message>
    <message>
        <source>Passive mode</source>
        <translation>Passiver Modus</translation>
    </message>
    <message>
        <source>Recommended: the program opens the data connections itself, which works through most firewalls. Not used for SFTP.</source>
        <translation>Empfohlen: Das Programm baut die Datenverbindungen selbst auf; das funktioniert durch die meisten Firewalls. Bei SFTP ohne Bedeutung.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Login name on the FTP server.</source>
        <translation>Anmeldename auf dem FTP-Server.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Stored only in the operating system&apos;s keyring, never in the database or a file. Leave the field empty to keep the stored password.</source>
        <translation>Wird nur im Schlüsselbund des Betriebssystems gespeichert, nie in der Datenbank oder einer Datei. Das Feld leer lassen, um das gespeicherte Passwort zu behalten.</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Optional. If a run fails, a report goes to this address: what failed, which file, which line, what was and was not booked. Never a password.</source>
        <translation>Optional. Schlägt ein Lauf fehl, geht ein Bericht an diese Adresse: was fehlschlug, welche Datei, welche Zeile, was gebucht wurde und was nicht. Nie ein Passwort.</translation>
    </message>
</context>
<context>
    <name>InterfaceListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>Import type</source>
        <translation>Importart</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>all branches</source>
        <translation>alle Filialen</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Search interfaces</source>
        <translation>Schnittstellen suchen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Set up a new interface.</source>
        <translation>Eine neue Schnittstelle einrichten.</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>Copy the selected interface (inactive, without its password).</source>
        <translation>Die gewählte Schnittstelle kopieren (inaktiv, ohne Passwort).</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the selected interface.</source>
        <translation>Die gewählte Schnittstelle löschen.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Interface</source>
        <translation>&amp;Schnittstelle</translation>
    </message>
    <message>
        <source>Search name, branch, computer, import type</source>
        <translation>Suchen: Name, Filiale, Rechner, Importart</translation>
    </message>
    <message>
        <source>With workstation settings</source>
        <translation>Mit Arbeitsplatzeinstellungen</translation>
    </message>
    <message>
        <source>Show only interfaces that are bound to a workstation.</source>
        <translation>Nur Schnittstellen zeigen, die an einen Arbeitsplatz gebunden sind.</translation>
    </message>
    <message>
        <source>The interface “{name}” has unsaved changes.</source>
        <translation>Die Schnittstelle „{name}“ hat ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <source>The new interface has not been saved.</source>
        <translation>Die neue Schnittstelle ist noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Do you want to save the changes?</source>
        <translation>Sollen die Änderungen gespeichert werden?</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Delete interface</source>
        <translation>Schnittstelle löschen</translation>
    </message>
    <message>
        <source>Really delete the interface “{name}”?</source>
        <translation>Die Schnittstelle „{name}“ wirklich löschen?</translation>
    </message>
    <message>
        <source>Its stored password is deleted from the keyring, too.</source>
        <translation>Ihr gespeichertes Passwort wird ebenfalls aus dem Schlüsselbund gelöscht.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Do not delete</source>
        <translation>Nicht löschen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Stop the automatic runs of this interface.</source>
        <translation>Die automatischen Läufe dieser Schnittstelle anhalten.</translation>
    </message>
    <message>
        <source>Let this interface run automatically again.</source>
        <translation>Diese Schnittstelle wieder automatisch laufen lassen.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Saving …</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
    </message>
    <message>
        <source>Copy “{name}” created: inactive and without password.</source>
        <translation>Kopie „{name}“ angelegt: inaktiv und ohne Passwort.</translation>
    </message>
    <message>
        <source>Interface “{name}” deleted.</source>
        <translation>Schnittstelle „{name}“ gelöscht.</translation>
    </message>
    <message>
        <source>The operation failed: {detail}</source>
        <translation>Der Vorgang ist fehlgeschlagen: {detail}</translation>
    </message>
    <message>
        <source>Closing after the current save …</source>
        <translation>Das Fenster wird nach dem Speichern geschlossen …</translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>The operation could not be completed.

{detail}</source>
        <translation>Der Vorgang konnte nicht abgeschlossen werden.

{detail}</translation>
    </message>
</context>
<context>
    <name>PasswordField</name>
    <message>
        <source>Delete password</source>
        <translation>Passwort löschen</translation>
    </message>
    <message>
        <source>Deletes the stored password from the keyring when you save.</source>
        <translation>Löscht das gespeicherte Passwort beim Speichern aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>(stored)</source>
        <translation>(gespeichert)</translation>
    </message>
    <message>
        <source>The new password is stored in the keyring when you save.</source>
        <translation>Das neue Passwort wird beim Speichern im Schlüsselbund abgelegt.</translation>
    </message>
    <message>
        <source>The stored password is deleted when you save.</source>
        <translation>Das gespeicherte Passwort wird beim Speichern gelöscht.</translation>
    </message>
    <message>
        <source>Stored in the keyring; leave empty to keep it.</source>
        <translation>Im Schlüsselbund gespeichert; leer lassen, um es zu behalten.</translation>
    </message>
    <message>
        <source>No password stored.</source>
        <translation>Kein Passwort gespeichert.</translation>
    </message>
</context>
</TS>
