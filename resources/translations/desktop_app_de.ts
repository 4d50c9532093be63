<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AdminDialogs</name>
    <message>
        <source>Your administrator rights were withdrawn; changes here are no longer saved.</source>
        <translation>Ihnen wurden die Administratorrechte entzogen; Änderungen hier werden nicht mehr gespeichert.</translation>
    </message>
</context>
<context>
    <name>Administration</name>
    <message>
        <source>Change own &amp;password …</source>
        <translation>Eigenes &amp;Passwort ändern …</translation>
    </message>
    <message>
        <source>&amp;Users …</source>
        <translation>&amp;Benutzer …</translation>
    </message>
    <message>
        <source>&amp;Chain options …</source>
        <translation>&amp;Filialkettenoptionen …</translation>
    </message>
    <message>
        <source>&amp;Audit log …</source>
        <translation>&amp;Änderungsprotokoll …</translation>
    </message>
    <message>
        <source>Branch of this &amp;computer …</source>
        <translation>Filiale dieses &amp;Rechners …</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>&amp;Verwaltung</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Ihr Passwort wurde geändert.</translation>
    </message>
    <message>
        <source>&amp;Branches and clients …</source>
        <translation>Filialen und &amp;Mandanten …</translation>
    </message>
    <message>
        <source>&amp;Export configuration …</source>
        <translation>Konfiguration &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Import configuration …</source>
        <translation>Konfiguration &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>DATEV &amp;adviser number:</source>
        <translation>DATEV-&amp;Beraternummer:</translation>
    </message>
    <message>
        <source>DATEV &amp;client number:</source>
        <translation>DATEV-&amp;Mandantennummer:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Add client</source>
        <translation>Mandant hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Optik Nord</source>
        <translation>z. B. Optik Nord</translation>
    </message>
    <message>
        <source>Add branch</source>
        <translation>Filiale hinzufügen</translation>
    </message>
    <message>
        <source>Please enter the name of the branch.</source>
        <translation>Bitte den Namen der Filiale eingeben.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Configuration exported to {path} (without passwords).</source>
        <translation>Konfiguration exportiert nach {path} (ohne Passwörter).</translation>
    </message>
    <message>
        <source>Export configuration</source>
        <translation>Konfiguration exportieren</translation>
    </message>
    <message>
        <source>Configuration files (*.json);;All files (*)</source>
        <translation>Konfigurationsdateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import configuration</source>
        <translation>Konfiguration importieren</translation>
    </message>
</context>
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
    <message>
        <source>Start-up</source>
        <translation>Programmstart</translation>
    </message>
    <message>
        <source>The program could not be started ({kind}). The details are in the log file {path}.</source>
        <translation>Das Programm konnte nicht gestartet werden ({kind}). Die Einzelheiten stehen in der Protokolldatei {path}.</translation>
    </message>
    <message>
        <source>Please log in.</source>
        <translation>Bitte melden Sie sich an.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign payment – case {id}</source>
        <translation>Zahlung zuordnen – Fall {id}</translation>
    </message>
    <message>
        <source>Payment of {amount} from {payer}; still to place: {remaining}.</source>
        <translation>Zahlung über {amount} von {payer}; noch zuzuordnen: {remaining}.</translation>
    </message>
    <message>
        <source>an unknown payer</source>
        <translation>unbekanntem Zahler</translation>
    </message>
    <message>
        <source>the whole open amount of one invoice</source>
        <translation>der ganze offene Betrag einer Rechnung</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>{number} (client {mandant}), open {open}</source>
        <translation>{number} (Mandant {mandant}), offen {open}</translation>
    </message>
    <message>
        <source>Amount for {number}</source>
        <translation>Betrag für {number}</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Rechnungsnummer</translation>
    </message>
    <message>
        <source>&amp;Other invoice:</source>
        <translation>&amp;Andere Rechnung:</translation>
    </message>
    <message>
        <source>Amount for the other invoice</source>
        <translation>Betrag für die andere Rechnung</translation>
    </message>
    <message>
        <source>Payment booked already?</source>
        <translation>Zahlung schon gebucht?</translation>
    </message>
    <message>
        <source>Assign anyway?</source>
        <translation>Trotzdem zuordnen?</translation>
    </message>
    <message>
        <source>Assign anyway</source>
        <translation>Trotzdem zuordnen</translation>
    </message>
    <message>
        <source>Do not assign</source>
        <translation>Nicht zuordnen</translation>
    </message>
    <message>
        <source>An empty amount books what is open on the invoice, at most what is left of the payment. The booking is dated like the import&apos;s and marked “do not export”.</source>
        <translation>Ohne Betrag wird gebucht, was auf der Rechnung offen ist, höchstens der Rest der Zahlung. Die Buchung wird wie die des Imports datiert und „nicht exportieren“ gesetzt.</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation>&amp;Buchen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>as open</source>
        <translation>wie offen</translation>
    </message>
    <message>
        <source>The amount for {number} is no amount; write it like {example}.</source>
        <translation>Der Betrag für {number} ist kein Betrag; bitte so schreiben: {example}.</translation>
    </message>
    <message>
        <source>Please choose an invoice or type its number.</source>
        <translation>Bitte eine Rechnung wählen oder ihre Nummer eingeben.</translation>
    </message>
    <message>
        <source>Booking …</source>
        <translation>Wird gebucht …</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Audit log</source>
        <translation>Änderungsprotokoll</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Changed fields and details</source>
        <translation>Geänderte Felder und Einzelheiten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>Fehlgeschlagene Anmeldung</translation>
    </message>
    <message>
        <source>Password shown</source>
        <translation>Passwort angezeigt</translation>
    </message>
    <message>
        <source>Password not shown</source>
        <translation>Passwort nicht angezeigt</translation>
    </message>
    <message>
        <source>Password view locked</source>
        <translation>Passwortanzeige gesperrt</translation>
    </message>
    <message>
        <source>Interface created</source>
        <translation>Schnittstelle angelegt</translation>
    </message>
    <message>
        <source>Interface changed</source>
        <translation>Schnittstelle geändert</translation>
    </message>
    <message>
        <source>Interface deleted</source>
        <translation>Schnittstelle gelöscht</translation>
    </message>
    <message>
        <source>Chain options changed</source>
        <translation>Filialkettenoptionen geändert</translation>
    </message>
    <message>
        <source>SMTP server changed</source>
        <translation>SMTP-Server geändert</translation>
    </message>
    <message>
        <source>Configuration imported</source>
        <translation>Konfiguration importiert</translation>
    </message>
    <message>
        <source>User created</source>
        <translation>Benutzer angelegt</translation>
    </message>
    <message>
        <source>User changed</source>
        <translation>Benutzer geändert</translation>
    </message>
    <message>
        <source>Own password changed</source>
        <translation>Eigenes Passwort geändert</translation>
    </message>
    <message>
        <source>Branch added</source>
        <translation>Filiale angelegt</translation>
    </message>
    <message>
        <source>Branch renamed</source>
        <translation>Filiale umbenannt</translation>
    </message>
    <message>
        <source>Branch deleted</source>
        <translation>Filiale gelöscht</translation>
    </message>
    <message>
        <source>Branch of a computer changed</source>
        <translation>Filiale eines Rechners geändert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>angezeigt</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>falsches Passwort</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>nicht erlaubt</translation>
    </message>
    <message>
        <source>nothing stored</source>
        <translation>nichts gespeichert</translation>
    </message>
    <message>
        <source>keyring error</source>
        <translation>Fehler des Schlüsselbunds</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>unbekannter Benutzer</translation>
    </message>
    <message>
        <source>account disabled</source>
        <translation>Konto deaktiviert</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>FTP password</source>
        <translation>FTP-Passwort</translation>
    </message>
    <message>
        <source>Administrators may see passwords</source>
        <translation>Administratoren dürfen Passwörter einsehen</translation>
    </message>
    <message>
        <source>Months of future bookings</source>
        <translation>Monate für Buchungen in der Zukunft</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Branch of this computer</source>
        <translation>Filiale dieses Rechners</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>renamed from “{name}”</source>
        <translation>umbenannt von „{name}“</translation>
    </message>
    <message>
        <source>wrong entry no. {count}</source>
        <translation>{count}. falsche Eingabe</translation>
    </message>
    <message>
        <source>at computer “{computer}”</source>
        <translation>am Rechner „{computer}“</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>“{previous}” → “{branch}”</source>
        <translation>„{previous}“ → „{branch}“</translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s), {amount}</source>
        <translation>
            <numerusform>%n Buchung, {amount}</numerusform>
            <numerusform>%n Buchungen, {amount}</numerusform>
        </translation>
    </message>
    <message>
        <source>new {added}, changed {changed}</source>
        <translation>neu {added}, geändert {changed}</translation>
    </message>
    <message>
        <source>invoice {number}, {amount}</source>
        <translation>Rechnung {number}, {amount}</translation>
    </message>
    <message>
        <source>Administrators</source>
        <translation>Administratoren</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>group: {group}</source>
        <translation>Gruppe: {group}</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>the newest {count} entries</source>
        <translation>die neuesten {count} Einträge</translation>
    </message>
    <message>
        <source>File imported despite its checks</source>
        <translation>Datei trotz Prüfungen importiert</translation>
    </message>
    <message>
        <source>file without data rows</source>
        <translation>Datei ohne Datenzeilen</translation>
    </message>
    <message>
        <source>file older than the last one</source>
        <translation>Datei älter als die letzte</translation>
    </message>
    <message>
        <source>share of open invoices</source>
        <translation>Anteil offener Rechnungen</translation>
    </message>
    <message>
        <source>Logout</source>
        <translation>Abmeldung</translation>
    </message>
    <message>
        <source>Client added</source>
        <translation>Mandant angelegt</translation>
    </message>
    <message>
        <source>Client changed</source>
        <translation>Mandant geändert</translation>
    </message>
    <message>
        <source>Client deleted</source>
        <translation>Mandant gelöscht</translation>
    </message>
    <message>
        <source>DATEV adviser number</source>
        <translation>DATEV-Beraternummer</translation>
    </message>
    <message>
        <source>DATEV client number</source>
        <translation>DATEV-Mandantennummer</translation>
    </message>
    <message>
        <source>Login locked</source>
        <translation>Anmeldung gesperrt</translation>
    </message>
    <message>
        <source>User unlocked</source>
        <translation>Benutzer entsperrt</translation>
    </message>
    <message>
        <source>Payment assigned</source>
        <translation>Zahlung zugeordnet</translation>
    </message>
    <message>
        <source>Case closed without booking</source>
        <translation>Klärungsfall ohne Buchung erledigt</translation>
    </message>
    <message>
        <source>Booking reversed</source>
        <translation>Buchung storniert</translation>
    </message>
    <message>
        <source>Staff may close cases</source>
        <translation>Mitarbeiter dürfen Fälle erledigen</translation>
    </message>
    <message>
        <source>Days until a case is overdue</source>
        <translation>Tage bis ein Fall überfällig ist</translation>
    </message>
    <message>
        <source>Daily summary of cases</source>
        <translation>Tägliche Zusammenfassung der Fälle</translation>
    </message>
    <message>
        <source>Time of the daily summary</source>
        <translation>Uhrzeit der täglichen Zusammenfassung</translation>
    </message>
    <message>
        <source>Recipient of the daily summary</source>
        <translation>Empfänger der täglichen Zusammenfassung</translation>
    </message>
    <message>
        <source>reason: {reason}</source>
        <translation>Grund: {reason}</translation>
    </message>
</context>
<context>
    <name>BookingTableModel</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Do not export</source>
        <translation>nicht exportieren</translation>
    </message>
    <message>
        <source>Booked on</source>
        <translation>gebucht am</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>Storno</translation>
    </message>
    <message>
        <source>Reverses booking {id} ({who}): {reason}</source>
        <translation>Storno von Buchung {id} ({who}): {reason}</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>Storniert</translation>
    </message>
</context>
<context>
    <name>CaseBookingTableModel</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Booked by</source>
        <translation>Gebucht von</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Bemerkung</translation>
    </message>
    <message>
        <source>Reversal of booking {id}: {reason}</source>
        <translation>Storno von Buchung {id}: {reason}</translation>
    </message>
    <message>
        <source>Reversed (booking {id})</source>
        <translation>Storniert (Buchung {id})</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>CaseCountLabel</name>
    <message>
        <source>Payments that no booking has placed yet (Ledger menu).</source>
        <translation>Zahlungen, die noch keiner Rechnung zugeordnet sind (Menü Buchhaltung).</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) to clarify</source>
        <translation>
            <numerusform>%n Klärungsfall offen</numerusform>
            <numerusform>%n Klärungsfälle offen</numerusform>
        </translation>
    </message>
    <message>
        <source>No payments to clarify</source>
        <translation>Keine offenen Klärungsfälle</translation>
    </message>
</context>
<context>
    <name>CaseDetailPane</name>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Betrag:</translation>
    </message>
    <message>
        <source>Still to place:</source>
        <translation>Noch zuzuordnen:</translation>
    </message>
    <message>
        <source>Payer:</source>
        <translation>Zahler:</translation>
    </message>
    <message>
        <source>Reference / text:</source>
        <translation>Referenz / Text:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Eingang:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>Suggested invoices</source>
        <translation>Vorgeschlagene Rechnungen</translation>
    </message>
    <message>
        <source>&amp;Assign …</source>
        <translation>&amp;Zuordnen …</translation>
    </message>
    <message>
        <source>Book the payment on the selected invoices (or on one you type in).</source>
        <translation>Die Zahlung auf die gewählten Rechnungen buchen (oder auf eine, deren Nummer Sie eingeben).</translation>
    </message>
    <message>
        <source>Close &amp;without booking …</source>
        <translation>&amp;Erledigt ohne Buchung …</translation>
    </message>
    <message>
        <source>Bookings of this case</source>
        <translation>Buchungen dieses Falls</translation>
    </message>
    <message>
        <source>Re&amp;verse …</source>
        <translation>S&amp;tornieren …</translation>
    </message>
    <message>
        <source>Choose a case to see its suggestions.</source>
        <translation>Bitte einen Fall wählen, um seine Vorschläge zu sehen.</translation>
    </message>
    <message>
        <source>Payment – case {id}</source>
        <translation>Zahlung – Fall {id}</translation>
    </message>
    <message>
        <source>Best first. Select one or more invoices, then “Assign …”.</source>
        <translation>Die besten zuerst. Eine oder mehrere Rechnungen wählen, dann „Zuordnen …“.</translation>
    </message>
    <message>
        <source>No invoice fits. “Assign …” books on an invoice you type in.</source>
        <translation>Keine Rechnung passt. „Zuordnen …“ bucht auf eine Rechnung, deren Nummer Sie eingeben.</translation>
    </message>
    <message>
        <source>The case is done; nothing to suggest.</source>
        <translation>Der Fall ist erledigt; nichts vorzuschlagen.</translation>
    </message>
    <message>
        <source>Only administrators may close a case without a booking.</source>
        <translation>Nur Administratoren dürfen einen Fall ohne Buchung erledigen.</translation>
    </message>
    <message>
        <source>Only administrators may reverse a booking.</source>
        <translation>Nur Administratoren dürfen Buchungen stornieren.</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>&amp;Interface:</source>
        <translation>&amp;Schnittstelle:</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Mandant:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>A&amp;ge:</source>
        <translation>&amp;Alter:</translation>
    </message>
    <message>
        <source>&amp;Open only</source>
        <translation>Nur &amp;offene</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Show &amp;all cases</source>
        <translation>Alle &amp;Fälle zeigen</translation>
    </message>
    <message>
        <source>Cases opened by run {id}</source>
        <translation>Klärungsfälle aus Lauf {id}</translation>
    </message>
    <message numerus="yes">
        <source>older than %n day(s)</source>
        <translation>
            <numerusform>älter als %n Tag</numerusform>
            <numerusform>älter als %n Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>Cases</source>
        <translation>Klärungsfälle</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue (older than {days} days)</source>
        <translation>
            <numerusform>%n überfällig (älter als {days} Tage)</numerusform>
            <numerusform>%n überfällig (älter als {days} Tage)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseOptionsGroup</name>
    <message>
        <source>Payments to clarify</source>
        <translation>Klärungsfälle</translation>
    </message>
    <message>
        <source>Staff may close a case &amp;without booking</source>
        <translation>Mitarbeiter dürfen Fälle &amp;ohne Buchung erledigen</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Highlight cases open longer than</source>
        <translation>Fälle hervorheben, die länger offen sind als</translation>
    </message>
    <message>
        <source>&amp;Highlight cases open longer than</source>
        <translation>Fälle &amp;hervorheben, die länger offen sind als</translation>
    </message>
    <message>
        <source>Otherwise only administrators close a case without a booking. The summary goes out once a day through the SMTP server, from whichever computer&apos;s scheduler gets there first; it marks the cases open longer than the limit.</source>
        <translation>Sonst erledigen nur Administratoren einen Fall ohne Buchung. Die Zusammenfassung geht einmal am Tag über den SMTP-Server hinaus, von dem Rechner, dessen Zeitplan zuerst so weit ist; sie markiert die Fälle, die länger als die Grenze offen sind.</translation>
    </message>
    <message>
        <source>Send a daily &amp;summary of open cases at</source>
        <translation>Täglich eine &amp;Zusammenfassung der offenen Fälle senden um</translation>
    </message>
    <message>
        <source>Time of the daily summary</source>
        <translation>Uhrzeit der täglichen Zusammenfassung</translation>
    </message>
    <message>
        <source>name@company.example</source>
        <translation>name@firma.de</translation>
    </message>
    <message>
        <source>Recipient of the daily summary</source>
        <translation>Empfänger der täglichen Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;an</translation>
    </message>
    <message>
        <source>“{text}” is not a valid time; please enter HH:MM, 00:00 to 23:59.</source>
        <translation>„{text}“ ist keine gültige Uhrzeit; bitte HH:MM zwischen 00:00 und 23:59 eingeben.</translation>
    </message>
    <message>
        <source>Please enter the time of the daily summary, e.g. 07:30.</source>
        <translation>Bitte die Uhrzeit der täglichen Zusammenfassung eingeben, z. B. 07:30.</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>To place</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Zahler</translation>
    </message>
    <message>
        <source>Reference / text</source>
        <translation>Referenz / Text</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message numerus="yes">
        <source>Open for more than %n day(s)</source>
        <translation>
            <numerusform>Seit mehr als %n Tag offen</numerusform>
            <numerusform>Seit mehr als %n Tagen offen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseTexts</name>
    <message>
        <source>No invoice number</source>
        <translation>Keine Rechnungsnummer</translation>
    </message>
    <message>
        <source>Invoice not found</source>
        <translation>Rechnung nicht gefunden</translation>
    </message>
    <message>
        <source>Possible match</source>
        <translation>Möglicher Treffer</translation>
    </message>
    <message>
        <source>Ambiguous</source>
        <translation>Nicht eindeutig</translation>
    </message>
    <message>
        <source>Overpaid</source>
        <translation>Überzahlung</translation>
    </message>
    <message>
        <source>Invoice paid already</source>
        <translation>Rechnung schon bezahlt</translation>
    </message>
    <message>
        <source>Foreign currency</source>
        <translation>Fremdwährung</translation>
    </message>
    <message>
        <source>Other client</source>
        <translation>Anderer Mandant</translation>
    </message>
    <message>
        <source>Possibly booked before</source>
        <translation>Möglicherweise schon gebucht</translation>
    </message>
    <message>
        <source>Booking reversed</source>
        <translation>Buchung storniert</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>zugeordnet</translation>
    </message>
    <message>
        <source>closed without booking</source>
        <translation>erledigt ohne Buchung</translation>
    </message>
    <message>
        <source>closed, the rest without booking</source>
        <translation>erledigt, Rest ohne Buchung</translation>
    </message>
    <message>
        <source>closed: {booked} booked, the remaining {closed} without booking (“{reason}”)</source>
        <translation>erledigt: {booked} gebucht, die restlichen {closed} ohne Buchung („{reason}“)</translation>
    </message>
    <message>
        <source>{status}; {closed} of it closed without booking (“{reason}”)</source>
        <translation>{status}; {closed} davon ohne Buchung erledigt („{reason}“)</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>Payments to clarify</source>
        <translation>Klärungsfälle</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Booked.</source>
        <translation>Gebucht.</translation>
    </message>
    <message>
        <source>The case is closed.</source>
        <translation>Der Fall ist erledigt.</translation>
    </message>
    <message>
        <source>The booking is reversed.</source>
        <translation>Die Buchung ist storniert.</translation>
    </message>
    <message>
        <source>The cases could not be read: {detail}</source>
        <translation>Die Klärungsfälle konnten nicht gelesen werden: {detail}</translation>
    </message>
</context>
<context>
    <name>CatalogDialog</name>
    <message>
        <source>Branches</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>e.g. Optik Nord</source>
        <translation>z. B. Optik Nord</translation>
    </message>
    <message>
        <source>Add branch</source>
        <translation>Filiale hinzufügen</translation>
    </message>
    <message>
        <source>New branch:</source>
        <translation>Neue Filiale:</translation>
    </message>
    <message>
        <source>The numbers are the DATEV ones (optional).</source>
        <translation>Berater- und Mandantennummer der DATEV (freiwillig).</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Please enter the name of the branch.</source>
        <translation>Bitte den Namen der Filiale eingeben.</translation>
    </message>
    <message>
        <source>Branch “{name}” added.</source>
        <translation>Filiale „{name}“ hinzugefügt.</translation>
    </message>
    <message>
        <source>Rename branch</source>
        <translation>Filiale umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Branch “{old}” renamed to “{new}”.</source>
        <translation>Filiale „{old}“ in „{new}“ umbenannt.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Really delete the branch “{name}”?</source>
        <translation>Die Filiale „{name}“ wirklich löschen?</translation>
    </message>
    <message>
        <source>Branch “{name}” deleted.</source>
        <translation>Filiale „{name}“ gelöscht.</translation>
    </message>
    <message>
        <source>Only an entry that no interface and no invoice uses can be deleted.</source>
        <translation>Löschen lässt sich nur, was keine Schnittstelle und keine Rechnung mehr verwendet.</translation>
    </message>
    <message>
        <source>Do not delete</source>
        <translation>Nicht löschen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Branches and clients</source>
        <translation>Filialen und Mandanten</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Mandanten</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Adviser number</source>
        <translation>Beraternummer</translation>
    </message>
    <message>
        <source>Client number</source>
        <translation>Mandantennummer</translation>
    </message>
    <message>
        <source>Add client</source>
        <translation>Mandant hinzufügen</translation>
    </message>
    <message>
        <source>New client:</source>
        <translation>Neuer Mandant:</translation>
    </message>
    <message>
        <source>DATEV adviser number:</source>
        <translation>DATEV-Beraternummer:</translation>
    </message>
    <message>
        <source>DATEV client number:</source>
        <translation>DATEV-Mandantennummer:</translation>
    </message>
    <message>
        <source>Please enter the name of the client.</source>
        <translation>Bitte den Namen des Mandanten eingeben.</translation>
    </message>
    <message>
        <source>The DATEV adviser number has 4 to 7 digits (1001 to 9999999).</source>
        <translation>Die DATEV-Beraternummer hat 4 bis 7 Ziffern (1001 bis 9999999).</translation>
    </message>
    <message>
        <source>The DATEV client number lies between 1 and 99999.</source>
        <translation>Die DATEV-Mandantennummer liegt zwischen 1 und 99999.</translation>
    </message>
    <message>
        <source>Rename …</source>
        <translation>Umbenennen …</translation>
    </message>
    <message>
        <source>Edit …</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <source>Edit client</source>
        <translation>Mandant bearbeiten</translation>
    </message>
    <message>
        <source>Client “{name}” saved.</source>
        <translation>Mandant „{name}“ gespeichert.</translation>
    </message>
    <message>
        <source>Really delete the client “{name}”?</source>
        <translation>Den Mandanten „{name}“ wirklich löschen?</translation>
    </message>
    <message>
        <source>Client “{name}” deleted.</source>
        <translation>Mandant „{name}“ gelöscht.</translation>
    </message>
    <message>
        <source>Client “{name}” added.</source>
        <translation>Mandant „{name}“ hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>ChainOptionsDialog</name>
    <message>
        <source>Chain options</source>
        <translation>Filialkettenoptionen</translation>
    </message>
    <message>
        <source>Loading …</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Administrators may see stored passwords</source>
        <translation>Administratoren dürfen gesetzte Passwörter einsehen</translation>
    </message>
    <message>
        <source>Password fields then get an eye button for administrators. It shows the password for {seconds} seconds after they entered their own password; every view is written to the audit log.</source>
        <translation>Passwortfelder zeigen Administratoren dann einen Augen-Knopf. Er zeigt das Passwort für {seconds} Sekunden, nachdem sie ihr eigenes Passwort eingegeben haben; jede Anzeige wird protokolliert.</translation>
    </message>
    <message>
        <source>Allow bookings in the future for</source>
        <translation>Buchungen in der Zukunft erlauben für</translation>
    </message>
    <message>
        <source>Additional months</source>
        <translation>Zusätzliche Monate</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> KB/s</translation>
    </message>
    <message>
        <source>Minimum download speed</source>
        <translation>Mindestgeschwindigkeit beim Laden</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Time each file gets on top</source>
        <translation>Zeit, die jede Datei zusätzlich bekommt</translation>
    </message>
    <message>
        <source>Downloads: at least</source>
        <translation>Laden: mindestens</translation>
    </message>
    <message>
        <source>plus</source>
        <translation>plus</translation>
    </message>
    <message>
        <source>per file</source>
        <translation>je Datei</translation>
    </message>
    <message>
        <source>A file that does not arrive within this time (its size at the minimum speed, plus the time on top) is broken off and stays on the server; a run ends after the sum of its files&apos; times plus the time on top once more. A server sending more than it listed is cut off at once.</source>
        <translation>Eine Datei, die nicht in dieser Zeit ankommt (ihre Größe bei der Mindestgeschwindigkeit plus die Zusatzzeit), wird abgebrochen und bleibt auf dem Server; ein Lauf endet nach der Summe der Zeiten seiner Dateien plus noch einmal der Zusatzzeit. Ein Server, der mehr schickt als gelistet, wird sofort abgebrochen.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open items and DATEV open items (OPOS) take every invoice missing from the file as paid; these checks refuse a file that would settle too much. They apply to every interface without checks of its own. A refused file can be imported once from “Import file…”; that is written to the audit log.</source>
        <translation>Offene Posten und DATEV OPOS nehmen jede Rechnung, die in der Datei fehlt, als bezahlt; diese Prüfungen lehnen eine Datei ab, die zu viel ausgleichen würde. Sie gelten für jede Schnittstelle ohne eigene Prüfungen. Eine abgelehnte Datei kann über „Datei importieren…“ einmalig importiert werden; das wird im Änderungsprotokoll festgehalten.</translation>
    </message>
    <message>
        <source>Saving …</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Checks for open items</source>
        <translation>Prüfungen für Offene Posten</translation>
    </message>
    <message>
        <source>Without it, “Set invoices paid up to” offers “today” at most; with it, “tomorrow” too. The number of months changes nothing beyond that: the program never books later than tomorrow.</source>
        <translation>Ohne diese Option ist bei „Rechnungen bezahlt setzen bis zum“ höchstens „heute“ wählbar, mit ihr auch „morgen“. Die Zahl der Monate ändert daran nichts: Später als morgen bucht das Programm nie.</translation>
    </message>
    <message>
        <source>Settle at most:</source>
        <translation>Höchstens ausgleichen:</translation>
    </message>
    <message>
        <source>The options could not be read: {detail}</source>
        <translation>Die Optionen konnten nicht gelesen werden: {detail}</translation>
    </message>
    <message numerus="yes">
        <source>additional month(s)</source>
        <translation>
            <numerusform>zusätzlicher Monat</numerusform>
            <numerusform>zusätzliche Monate</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change own password</source>
        <translation>Eigenes Passwort ändern</translation>
    </message>
    <message>
        <source>Enter your current password, then the new one twice. You log in with the new password from now on.</source>
        <translation>Geben Sie Ihr bisheriges Passwort ein, dann zweimal das neue. Ab jetzt melden Sie sich mit dem neuen Passwort an.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Set a new password for “{name}”. Tell it to the user in person; they can change it afterwards under “Change own password”.</source>
        <translation>Neues Passwort für „{name}“ festlegen. Teilen Sie es persönlich mit; unter „Eigenes Passwort ändern“ lässt es sich danach ändern.</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Bisheriges Passwort</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Bisheriges Passwort:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort festlegen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Please enter your current password.</source>
        <translation>Bitte Ihr bisheriges Passwort eingeben.</translation>
    </message>
    <message>
        <source>Saving …</source>
        <translation>Wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>the argument {argument} is not UTF-8 text</source>
        <translation>das Argument {argument} ist kein UTF-8-Text</translation>
    </message>
    <message>
        <source>no command given (see --help)</source>
        <translation>kein Befehl angegeben (siehe --help)</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>the command failed unexpectedly ({kind}); the details are in {path}</source>
        <translation>der Befehl ist unerwartet gescheitert ({kind}); die Einzelheiten stehen in {path}</translation>
    </message>
    <message>
        <source>database, logs and settings (default: the user data directory; env DESKTOP_APP_DATA_DIR)</source>
        <translation>Datenbank, Protokolldateien und Einstellungen (Vorgabe: das Datenverzeichnis des Benutzers; Umgebungsvariable DESKTOP_APP_DATA_DIR)</translation>
    </message>
    <message>
        <source>SQLAlchemy database URL (default: SQLite in the data directory; env DESKTOP_APP_DB)</source>
        <translation>SQLAlchemy-Datenbank-URL (Vorgabe: SQLite im Datenverzeichnis; Umgebungsvariable DESKTOP_APP_DB)</translation>
    </message>
    <message>
        <source>language of the program and of these messages (default: the one chosen in the program, else the system&apos;s; env DESKTOP_APP_LANG)</source>
        <translation>Sprache des Programms und dieser Meldungen (Vorgabe: die im Programm gewählte, sonst die des Systems; Umgebungsvariable DESKTOP_APP_LANG)</translation>
    </message>
    <message>
        <source>(file)</source>
        <translation>(Datei)</translation>
    </message>
    <message>
        <source>--password-stdin: the password is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8 and try again. Nothing was saved.</source>
        <translation>--password-stdin: Das Passwort ist kein UTF-8-Text (Byte {byte} ist nicht lesbar). Bitte als UTF-8 speichern und erneut versuchen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>--password-stdin given, but standard input held no password.</source>
        <translation>--password-stdin angegeben, aber die Standardeingabe enthielt kein Passwort.</translation>
    </message>
    <message>
        <source>no file name was given</source>
        <translation>es wurde kein Dateiname angegeben</translation>
    </message>
    <message>
        <source>--mandant: no client (Mandant) was given.</source>
        <translation>--mandant: Es wurde kein Mandant angegeben.</translation>
    </message>
    <message>
        <source>{message} (see {command} --help)</source>
        <translation>{message} (siehe {command} --help)</translation>
    </message>
    <message>
        <source>Accounting import by FTP. Without a command: start the program.</source>
        <translation>Buchhaltungsimport per FTP. Ohne Befehl: das Programm starten.</translation>
    </message>
    <message>
        <source>try the program: a temporary ledger, a local FTP server with sample files</source>
        <translation>das Programm ausprobieren: eine vorübergehende Rechnungsliste, ein lokaler FTP-Server mit Beispieldateien</translation>
    </message>
    <message>
        <source>start the program offscreen; exit once the main window shows its data and the scheduler has planned its runs (checks a bundle)</source>
        <translation>das Programm unsichtbar starten; enden, sobald das Hauptfenster seine Daten zeigt und der Zeitplan seine Läufe geplant hat (prüft ein Paket)</translation>
    </message>
</context>
<context>
    <name>CliCases</name>
    <message>
        <source>cases to clarify: payments not booked in full</source>
        <translation>Klärungsfälle: Zahlungen, die nicht vollständig gebucht wurden</translation>
    </message>
    <message>
        <source>list cases, the longest waiting first</source>
        <translation>Klärungsfälle auflisten, die am längsten wartenden zuerst</translation>
    </message>
    <message>
        <source>only open cases</source>
        <translation>nur offene Klärungsfälle</translation>
    </message>
    <message>
        <source>only cases of this interface</source>
        <translation>nur Klärungsfälle dieser Schnittstelle</translation>
    </message>
    <message>
        <source>only cases of this client (Mandant)</source>
        <translation>nur Klärungsfälle dieses Mandanten</translation>
    </message>
    <message>
        <source>only cases with this reason code</source>
        <translation>nur Klärungsfälle mit diesem Grund-Code</translation>
    </message>
    <message>
        <source>only cases this run opened</source>
        <translation>nur Klärungsfälle, die dieser Lauf angelegt hat</translation>
    </message>
    <message>
        <source>one case with its suggestions</source>
        <translation>einen Klärungsfall mit seinen Vorschlägen zeigen</translation>
    </message>
    <message>
        <source>the case&apos;s number</source>
        <translation>die Nummer des Klärungsfalls</translation>
    </message>
    <message>
        <source>book a case&apos;s payment on invoices</source>
        <translation>die Zahlung eines Klärungsfalls auf Rechnungen buchen</translation>
    </message>
    <message>
        <source>the invoice number; repeat it for several invoices</source>
        <translation>die Rechnungsnummer; für mehrere Rechnungen mehrfach angeben</translation>
    </message>
    <message>
        <source>the amount for each --invoice, in the same order (default: what is open on the invoice, at most what is left of the payment)</source>
        <translation>der Betrag für jede --invoice, in derselben Reihenfolge (Standard: was auf der Rechnung offen ist, höchstens der Rest der Zahlung)</translation>
    </message>
    <message>
        <source>the invoices&apos; client (default: the case&apos;s clients)</source>
        <translation>der Mandant der Rechnungen (Standard: die Mandanten des Klärungsfalls)</translation>
    </message>
    <message>
        <source>close a case without a booking</source>
        <translation>einen Klärungsfall ohne Buchung erledigen</translation>
    </message>
    <message>
        <source>why the case is closed (e.g. refunded to the customer)</source>
        <translation>warum der Klärungsfall erledigt wird (z. B. an den Kunden zurücküberwiesen)</translation>
    </message>
    <message>
        <source>the ledger&apos;s bookings, and their reversal (storno)</source>
        <translation>die Buchungen der Buchhaltung und ihr Storno</translation>
    </message>
    <message>
        <source>bookings, oldest first</source>
        <translation>Buchungen auflisten, die ältesten zuerst</translation>
    </message>
    <message>
        <source>only this invoice&apos;s bookings</source>
        <translation>nur die Buchungen dieser Rechnung</translation>
    </message>
    <message>
        <source>only this client&apos;s bookings (with --invoice: the invoice&apos;s)</source>
        <translation>nur die Buchungen dieses Mandanten (mit --invoice: der Mandant der Rechnung)</translation>
    </message>
    <message>
        <source>only this case&apos;s bookings</source>
        <translation>nur die Buchungen dieses Klärungsfalls</translation>
    </message>
    <message>
        <source>at most N bookings (default 10,000); a list cut short says so on standard error</source>
        <translation>höchstens N Buchungen (Standard 10.000); eine gekürzte Liste wird auf der Standardfehlerausgabe gemeldet</translation>
    </message>
    <message>
        <source>every booking, however many</source>
        <translation>alle Buchungen, egal wie viele</translation>
    </message>
    <message>
        <source>reverse a booking (storno)</source>
        <translation>eine Buchung stornieren</translation>
    </message>
    <message>
        <source>the booking&apos;s number</source>
        <translation>die Nummer der Buchung</translation>
    </message>
    <message>
        <source>why the booking is reversed</source>
        <translation>warum die Buchung storniert wird</translation>
    </message>
    <message>
        <source>(reversed by booking {id})</source>
        <translation>(storniert durch Buchung {id})</translation>
    </message>
    <message>
        <source>(reversal of booking {id})</source>
        <translation>(Storno der Buchung {id})</translation>
    </message>
    <message>
        <source>print the result as JSON</source>
        <translation>das Ergebnis als JSON ausgeben</translation>
    </message>
    <message>
        <source>{text} is not a whole number</source>
        <translation>{text} ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>must be a positive number</source>
        <translation>muss eine positive Zahl sein</translation>
    </message>
    <message>
        <source>must be between 1 and 36500</source>
        <translation>muss zwischen 1 und 36500 liegen</translation>
    </message>
    <message>
        <source>--amount {text}: that is not an amount; write it like 12.50.</source>
        <translation>--amount {text}: Das ist kein Betrag; bitte wie 12,50 schreiben.</translation>
    </message>
    <message>
        <source>--amount {text}: the amount must be positive, with at most two decimals.</source>
        <translation>--amount {text}: Der Betrag muss positiv sein und darf höchstens zwei Nachkommastellen haben.</translation>
    </message>
    <message>
        <source>Warning: {hint}</source>
        <translation>Achtung: {hint}</translation>
    </message>
    <message>
        <source>  Suggestion {invoice} (client {mandant}, open {open}): {why}</source>
        <translation>  Vorschlag {invoice} (Mandant {mandant}, offen {open}): {why}</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Klärungsfall</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>Grund-Code</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Zahler</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Noch zuzuordnen</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Mandanten</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Angelegt</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Please give one --amount for each --invoice, in the same order, or no --amount at all.</source>
        <translation>Bitte für jede --invoice einen --amount in derselben Reihenfolge angeben oder gar keinen --amount.</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>only cases older than DAYS days (as the overdue mark counts)</source>
        <translation>nur Klärungsfälle, die älter als DAYS Tage sind (gezählt wie die Markierung „überfällig“)</translation>
    </message>
    <message>
        <source>book even on an invoice that has a booking of the same payment (amount, date) from another file or case, once you know it is another payment (written to the audit log)</source>
        <translation>auch auf eine Rechnung buchen, auf der dieselbe Zahlung (Betrag, Datum) aus einer anderen Datei oder einem anderen Klärungsfall schon gebucht ist, wenn sicher ist, dass es eine andere Zahlung ist (wird im Protokoll vermerkt)</translation>
    </message>
    <message>
        <source>assigned in full</source>
        <translation>vollständig zugeordnet</translation>
    </message>
    <message>
        <source>closed without a booking</source>
        <translation>ohne Buchung erledigt</translation>
    </message>
    <message>
        <source>Done by: {who}</source>
        <translation>Erledigt von: {who}</translation>
    </message>
    <message>
        <source>Done at: {when}</source>
        <translation>Erledigt am: {when}</translation>
    </message>
    <message>
        <source>Reason for closing: {reason}</source>
        <translation>Grund für das Erledigen: {reason}</translation>
    </message>
    <message>
        <source>If it is another payment, repeat the command with --allow-booked-before.</source>
        <translation>Ist es eine andere Zahlung, den Befehl mit --allow-booked-before wiederholen.</translation>
    </message>
    <message>
        <source>Booked {amount} on invoice {invoice} (client {mandant}); open now: {open}.</source>
        <translation>{amount} auf Rechnung {invoice} (Mandant {mandant}) gebucht; jetzt offen: {open}.</translation>
    </message>
    <message>
        <source>Case {case}: {status}</source>
        <translation>Klärungsfall {case}: {status}</translation>
    </message>
    <message>
        <source>Case {case} is closed without a booking.</source>
        <translation>Der Klärungsfall {case} ist ohne Buchung erledigt.</translation>
    </message>
    <message>
        <source>bookings list: only the first {shown} of {total} bookings are listed; --limit N lists more, --all lists every one.</source>
        <translation>bookings list: Nur die ersten {shown} von {total} Buchungen sind aufgelistet; --limit N listet mehr, --all listet alle.</translation>
    </message>
    <message>
        <source>Booking {booking} is reversed by booking {storno}. Open on invoice {invoice} now: {open}. The payment waits in the new case {case}.</source>
        <translation>Die Buchung {booking} ist durch die Buchung {storno} storniert. Auf der Rechnung {invoice} ist jetzt {open} offen. Die Zahlung wartet im neuen Klärungsfall {case}.</translation>
    </message>
    <message>
        <source>Booking {booking} is reversed by booking {storno}. Open on invoice {invoice} now: {open}. Case {case} is open again.</source>
        <translation>Die Buchung {booking} ist durch die Buchung {storno} storniert. Auf der Rechnung {invoice} ist jetzt {open} offen. Der Klärungsfall {case} ist wieder offen.</translation>
    </message>
</context>
<context>
    <name>CliCatalog</name>
    <message>
        <source>the accounting&apos;s clients (Mandanten)</source>
        <translation>die Mandanten der Buchhaltung</translation>
    </message>
    <message>
        <source>add a client</source>
        <translation>einen Mandanten anlegen</translation>
    </message>
    <message>
        <source>list the clients</source>
        <translation>die Mandanten auflisten</translation>
    </message>
    <message>
        <source>rename a client (its DATEV numbers stay)</source>
        <translation>einen Mandanten umbenennen (seine DATEV-Nummern bleiben)</translation>
    </message>
    <message>
        <source>change or remove a client&apos;s DATEV numbers</source>
        <translation>die DATEV-Nummern eines Mandanten ändern oder entfernen</translation>
    </message>
    <message>
        <source>delete a client that nothing uses</source>
        <translation>einen Mandanten löschen, den nichts mehr verwendet</translation>
    </message>
    <message>
        <source>remove the DATEV adviser number (Beraternummer)</source>
        <translation>die DATEV-Beraternummer entfernen</translation>
    </message>
    <message>
        <source>the DATEV adviser number (Beraternummer), 1001 to 9999999</source>
        <translation>die DATEV-Beraternummer, 1001 bis 9999999</translation>
    </message>
    <message>
        <source>remove the DATEV client number (Mandantennummer)</source>
        <translation>die DATEV-Mandantennummer entfernen</translation>
    </message>
    <message>
        <source>the DATEV client number (Mandantennummer), 1 to 99999</source>
        <translation>die DATEV-Mandantennummer, 1 bis 99999</translation>
    </message>
    <message>
        <source>print the list as JSON</source>
        <translation>die Liste als JSON ausgeben</translation>
    </message>
    <message>
        <source>the chain&apos;s branches (Filialen)</source>
        <translation>die Filialen der Kette</translation>
    </message>
    <message>
        <source>add a branch</source>
        <translation>eine Filiale anlegen</translation>
    </message>
    <message>
        <source>list the branches</source>
        <translation>die Filialen auflisten</translation>
    </message>
    <message>
        <source>rename a branch</source>
        <translation>eine Filiale umbenennen</translation>
    </message>
    <message>
        <source>delete a branch that nothing uses</source>
        <translation>eine Filiale löschen, die nichts mehr verwendet</translation>
    </message>
    <message>
        <source>Created client “{name}”.</source>
        <translation>Der Mandant „{name}“ wurde angelegt.</translation>
    </message>
    <message>
        <source>Client “{old}” renamed to “{new}”.</source>
        <translation>Der Mandant „{old}“ heißt jetzt „{new}“.</translation>
    </message>
    <message>
        <source>Nothing to change: give --datev-berater or --datev-mandant with a number, or --no-datev-berater or --no-datev-mandant to remove one.</source>
        <translation>Nichts zu ändern: Bitte --datev-berater oder --datev-mandant mit einer Nummer angeben, oder --no-datev-berater bzw. --no-datev-mandant, um eine Nummer zu entfernen.</translation>
    </message>
    <message>
        <source>Client “{name}” deleted.</source>
        <translation>Der Mandant „{name}“ wurde gelöscht.</translation>
    </message>
    <message>
        <source>Created branch “{name}”.</source>
        <translation>Die Filiale „{name}“ wurde angelegt.</translation>
    </message>
    <message>
        <source>Branch “{old}” renamed to “{new}”.</source>
        <translation>Die Filiale „{old}“ heißt jetzt „{new}“.</translation>
    </message>
    <message>
        <source>Note: computers set up for the branch “{old}” (serve --branch, DESKTOP_APP_BRANCH or “Branch of this computer” in the program) keep the old name; set them to “{new}”.</source>
        <translation>Hinweis: Rechner, die für die Filiale „{old}“ eingerichtet sind (serve --branch, DESKTOP_APP_BRANCH oder „Filiale dieses Rechners“ im Programm), behalten den alten Namen; bitte dort „{new}“ einstellen.</translation>
    </message>
    <message>
        <source>Branch “{name}” deleted.</source>
        <translation>Die Filiale „{name}“ wurde gelöscht.</translation>
    </message>
</context>
<context>
    <name>CliConfig</name>
    <message>
        <source>export or import the whole configuration (for a rollout)</source>
        <translation>die ganze Konfiguration exportieren oder importieren (für eine Verteilung auf andere Rechner)</translation>
    </message>
    <message>
        <source>write the interfaces, branches, clients (Mandanten), chain options, SMTP settings and trusted fingerprints as one JSON file (without any password)</source>
        <translation>Schnittstellen, Filialen, Mandanten, Filialkettenoptionen, SMTP-Einstellungen und vertraute Fingerabdrücke als eine JSON-Datei schreiben (ohne Passwörter)</translation>
    </message>
    <message>
        <source>only these interfaces (default: all)</source>
        <translation>nur diese Schnittstellen (Vorgabe: alle)</translation>
    </message>
    <message>
        <source>write to this file instead of standard output</source>
        <translation>in diese Datei schreiben statt auf die Standardausgabe</translation>
    </message>
    <message>
        <source>add and change what a configuration file holds (nothing is deleted)</source>
        <translation>hinzufügen und ändern, was eine Konfigurationsdatei enthält (gelöscht wird nichts)</translation>
    </message>
    <message>
        <source>the configuration file</source>
        <translation>die Konfigurationsdatei</translation>
    </message>
    <message>
        <source>show what would change, change nothing</source>
        <translation>zeigen, was sich ändern würde, ohne etwas zu ändern</translation>
    </message>
    <message>
        <source>print JSON for scripts</source>
        <translation>JSON für Skripte ausgeben</translation>
    </message>
    <message>
        <source>The configuration was written to {path}.</source>
        <translation>Die Konfiguration wurde in {path} geschrieben.</translation>
    </message>
    <message>
        <source>{path}: the configuration is invalid; nothing was imported</source>
        <translation>{path}: Die Konfiguration ist ungültig; es wurde nichts importiert</translation>
    </message>
    <message>
        <source>The configuration changed while it was being imported (on another computer or in the program). Nothing was imported; please run the command again.</source>
        <translation>Die Konfiguration wurde während des Imports geändert (an einem anderen Rechner oder im Programm). Es wurde nichts importiert; bitte den Befehl erneut ausführen.</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>branch &apos;{name}&apos;</source>
        <translation>Filiale „{name}“</translation>
    </message>
    <message>
        <source>client &apos;{name}&apos;</source>
        <translation>Mandant „{name}“</translation>
    </message>
    <message>
        <source>trusted fingerprint of interface &apos;{name}&apos;</source>
        <translation>vertrauter Fingerabdruck der Schnittstelle „{name}“</translation>
    </message>
    <message>
        <source>Warning: {hint}</source>
        <translation>Achtung: {hint}</translation>
    </message>
    <message>
        <source>The configuration was imported (all in one transaction).</source>
        <translation>Die Konfiguration wurde importiert (alles in einem Schritt).</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Mandanten</translation>
    </message>
    <message>
        <source>Chain options</source>
        <translation>Filialkettenoptionen</translation>
    </message>
    <message>
        <source>chain options</source>
        <translation>Filialkettenoptionen</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP-Server</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>Schnittstellen</translation>
    </message>
    <message>
        <source>Trusted fingerprints</source>
        <translation>Vertraute Fingerabdrücke</translation>
    </message>
    <message>
        <source>added</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>Dry run: nothing was changed.</source>
        <translation>Probelauf: Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Nothing to change: this ledger already has this configuration.</source>
        <translation>Nichts zu ändern: Diese Datenbank hat diese Konfiguration bereits.</translation>
    </message>
    <message>
        <source>Passwords still to be set on this computer:</source>
        <translation>Passwörter, die an diesem Rechner noch gesetzt werden müssen:</translation>
    </message>
    <message>
        <source>interface &apos;{name}&apos;</source>
        <translation>Schnittstelle „{name}“</translation>
    </message>
</context>
<context>
    <name>CliImport</name>
    <message>
        <source>settle invoices from a local payment file</source>
        <translation>Rechnungen aus einer lokalen Zahlungsdatei ausgleichen</translation>
    </message>
    <message>
        <source>the payment file</source>
        <translation>die Zahlungsdatei</translation>
    </message>
    <message>
        <source>the file&apos;s import type: {formats}</source>
        <translation>die Importart der Datei: {formats}</translation>
    </message>
    <message>
        <source>a client whose invoices the file settles (repeatable)</source>
        <translation>ein Mandant, dessen Rechnungen die Datei ausgleicht (mehrfach möglich)</translation>
    </message>
    <message>
        <source>the booking date (default: today)</source>
        <translation>das Buchungsdatum (Standard: heute)</translation>
    </message>
    <message>
        <source>the day the file was written (also DD.MM.YYYY; default: the day it was last modified); invoices dated on or after it are not taken as paid when an open-items list leaves them out</source>
        <translation>der Tag, an dem die Datei geschrieben wurde (auch TT.MM.JJJJ; Standard: der Tag ihrer letzten Änderung); Rechnungen mit einem Datum an oder nach diesem Tag gelten nicht als bezahlt, wenn sie in einer Offene-Posten-Liste fehlen</translation>
    </message>
    <message>
        <source>show the plan, book nothing</source>
        <translation>den Plan zeigen, nichts buchen</translation>
    </message>
    <message>
        <source>optional, for {formats} only: what this regular expression finds is a reference too</source>
        <translation>optional, nur für {formats}: Was dieser reguläre Ausdruck findet, ist ebenfalls eine Rechnungsnummer</translation>
    </message>
    <message>
        <source>print the result as JSON</source>
        <translation>das Ergebnis als JSON ausgeben</translation>
    </message>
    <message>
        <source>checks of open-items lists</source>
        <translation>Prüfungen für Offene Posten</translation>
    </message>
    <message>
        <source>default: the chain options (Administration → Chain options); these options change them for this import only</source>
        <translation>Standard: die Filialkettenoptionen (Verwaltung → Filialkettenoptionen); diese Optionen ändern sie nur für diesen Import</translation>
    </message>
    <message>
        <source>settle at most this share of the open invoices</source>
        <translation>höchstens diesen Anteil der offenen Rechnungen ausgleichen</translation>
    </message>
    <message>
        <source>no share limit</source>
        <translation>keine Grenze für den Anteil</translation>
    </message>
    <message>
        <source>accept a list without rows</source>
        <translation>eine Liste ohne Zeilen annehmen</translation>
    </message>
    <message>
        <source>accept a list older than the last one imported</source>
        <translation>eine Liste annehmen, die älter ist als die zuletzt importierte</translation>
    </message>
    <message>
        <source>import a file the checks refuse, once, without them (written to the audit log)</source>
        <translation>eine Datei, die die Prüfungen ablehnen, einmalig ohne sie importieren (wird im Änderungsprotokoll festgehalten)</translation>
    </message>
    <message>
        <source>{text} is not a date: please write it as YYYY-MM-DD or DD.MM.YYYY</source>
        <translation>{text} ist kein Datum: bitte als JJJJ-MM-TT oder TT.MM.JJJJ schreiben</translation>
    </message>
    <message>
        <source>--invoice-pattern applies only to --format {formats}; a file of the import type {format} names the invoice in a column of its own. Leave the option out.</source>
        <translation>--invoice-pattern gilt nur für --format {formats}; eine Datei der Importart {format} hat eine eigene Spalte für die Rechnungsnummer. Bitte die Option weglassen.</translation>
    </message>
    <message numerus="yes">
        <source>{file}: %n row(s), {matched} matched, {booked} would be booked ({amount})</source>
        <translation>
            <numerusform>{file}: %n Zeile, {matched} zugeordnet, {booked} würden gebucht ({amount})</numerusform>
            <numerusform>{file}: %n Zeilen, {matched} zugeordnet, {booked} würden gebucht ({amount})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file}: %n row(s), {matched} matched, {booked} booked ({amount})</source>
        <translation>
            <numerusform>{file}: %n Zeile, {matched} zugeordnet, {booked} gebucht ({amount})</numerusform>
            <numerusform>{file}: %n Zeilen, {matched} zugeordnet, {booked} gebucht ({amount})</numerusform>
        </translation>
    </message>
    <message>
        <source>File as of {day}</source>
        <translation>Stand der Datei: {day}</translation>
    </message>
    <message>
        <source>Checks passed by on request: {checks}</source>
        <translation>Auf Wunsch übergangene Prüfungen: {checks}</translation>
    </message>
    <message>
        <source>Nothing would be booked: {reason}</source>
        <translation>Es würde nichts gebucht: {reason}</translation>
    </message>
    <message>
        <source>Nothing booked: {reason}</source>
        <translation>Nichts gebucht: {reason}</translation>
    </message>
    <message>
        <source>empty list</source>
        <translation>leere Liste</translation>
    </message>
    <message>
        <source>older list</source>
        <translation>ältere Liste</translation>
    </message>
    <message>
        <source>share limit</source>
        <translation>Grenze für den Anteil</translation>
    </message>
</context>
<context>
    <name>CliInterfaces</name>
    <message>
        <source>list, export, import and delete interfaces</source>
        <translation>Schnittstellen auflisten, exportieren, importieren und löschen</translation>
    </message>
    <message>
        <source>list the interfaces</source>
        <translation>die Schnittstellen auflisten</translation>
    </message>
    <message>
        <source>only those bound to one computer</source>
        <translation>nur die an einen Rechner gebundenen</translation>
    </message>
    <message>
        <source>print JSON for scripts</source>
        <translation>JSON für Skripte ausgeben</translation>
    </message>
    <message>
        <source>print one interface as JSON (without its password)</source>
        <translation>eine Schnittstelle als JSON ausgeben (ohne ihr Passwort)</translation>
    </message>
    <message>
        <source>the interface&apos;s name</source>
        <translation>der Name der Schnittstelle</translation>
    </message>
    <message>
        <source>create an interface from a JSON file, or update the one of the same name</source>
        <translation>eine Schnittstelle aus einer JSON-Datei anlegen oder die gleichnamige aktualisieren</translation>
    </message>
    <message>
        <source>the JSON file</source>
        <translation>die JSON-Datei</translation>
    </message>
    <message>
        <source>read the FTP password from standard input</source>
        <translation>das FTP-Passwort von der Standardeingabe lesen</translation>
    </message>
    <message>
        <source>store the FTP password in this computer&apos;s keyring</source>
        <translation>das FTP-Passwort im Schlüsselbund dieses Rechners speichern</translation>
    </message>
    <message>
        <source>Store the interface&apos;s FTP password in this computer&apos;s keyring. It becomes a new version: only this computer holds it; computers that stored an earlier one show it as outdated and no longer run the interface.</source>
        <translation>Das FTP-Passwort der Schnittstelle im Schlüsselbund dieses Rechners speichern. Es wird eine neue Version: Nur dieser Rechner hat sie; Rechner mit einem früher gespeicherten Passwort zeigen es als veraltet an und führen die Schnittstelle nicht mehr aus.</translation>
    </message>
    <message>
        <source>read the password from standard input (required)</source>
        <translation>das Passwort von der Standardeingabe lesen (erforderlich)</translation>
    </message>
    <message>
        <source>delete an interface</source>
        <translation>eine Schnittstelle löschen</translation>
    </message>
    <message>
        <source>The interface is invalid; nothing was saved</source>
        <translation>Die Schnittstelle ist ungültig; es wurde nichts gespeichert</translation>
    </message>
    <message>
        <source>{interval}, at {time}</source>
        <translation>{interval}, um {time} Uhr</translation>
    </message>
    <message>
        <source>(disabled)</source>
        <translation>(deaktiviert)</translation>
    </message>
    <message>
        <source>The password was not stored and nothing was saved: {reason}</source>
        <translation>Es wurde nichts gespeichert, weder das Passwort noch die Schnittstelle: {reason}</translation>
    </message>
    <message>
        <source>Updated interface &apos;{name}&apos;.</source>
        <translation>Die Schnittstelle „{name}“ wurde aktualisiert.</translation>
    </message>
    <message>
        <source>Created interface &apos;{name}&apos;.</source>
        <translation>Die Schnittstelle „{name}“ wurde angelegt.</translation>
    </message>
    <message>
        <source>Warning: {hint}</source>
        <translation>Achtung: {hint}</translation>
    </message>
    <message>
        <source>The password is invalid; nothing was stored</source>
        <translation>Das Passwort ist ungültig; es wurde nichts gespeichert</translation>
    </message>
    <message>
        <source>The password was not stored: {reason}</source>
        <translation>Das Passwort wurde nicht gespeichert: {reason}</translation>
    </message>
    <message>
        <source>Stored the password of &apos;{name}&apos; on {computer}. Computers that hold an earlier password no longer run this interface.</source>
        <translation>Das Passwort von „{name}“ ist auf {computer} gespeichert. Rechner mit einem früheren Passwort führen diese Schnittstelle nicht mehr aus.</translation>
    </message>
    <message>
        <source>Deleted interface &apos;{name}&apos;.</source>
        <translation>Die Schnittstelle „{name}“ wurde gelöscht.</translation>
    </message>
</context>
<context>
    <name>CliInvoices</name>
    <message>
        <source>the invoice ledger</source>
        <translation>die Rechnungen der Buchhaltung</translation>
    </message>
    <message>
        <source>load or refresh invoices from a CSV file</source>
        <translation>Rechnungen aus einer CSV-Datei laden oder aktualisieren</translation>
    </message>
    <message>
        <source>the invoice list (CSV, as the accounting exports it)</source>
        <translation>die Rechnungsliste (CSV, wie die Buchhaltung sie exportiert)</translation>
    </message>
    <message>
        <source>list invoices</source>
        <translation>Rechnungen auflisten</translation>
    </message>
    <message>
        <source>only open invoices</source>
        <translation>nur offene Rechnungen</translation>
    </message>
    <message>
        <source>only this client&apos;s invoices; repeat it for several</source>
        <translation>nur die Rechnungen dieses Mandanten; für mehrere mehrfach angeben</translation>
    </message>
    <message>
        <source>print the result as JSON</source>
        <translation>das Ergebnis als JSON ausgeben</translation>
    </message>
    <message>
        <source>Invoices: {created} created, {updated} updated, {unchanged} unchanged</source>
        <translation>Rechnungen: {created} angelegt, {updated} aktualisiert, {unchanged} unverändert</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) with bookings: their amounts are kept</source>
        <translation>
            <numerusform>%n Rechnung mit Buchungen: Ihre Beträge bleiben unverändert</numerusform>
            <numerusform>%n Rechnungen mit Buchungen: Ihre Beträge bleiben unverändert</numerusform>
        </translation>
    </message>
    <message>
        <source>line {line}: {number}: {field} is {in_file} in the file but {in_ledger} in the ledger; the invoice has bookings and stays as it is</source>
        <translation>Zeile {line}: {number}: {field} laut Datei {in_file}, in der Buchhaltung {in_ledger}; die Rechnung hat Buchungen und bleibt unverändert</translation>
    </message>
    <message>
        <source>new client: {name}</source>
        <translation>neuer Mandant: {name}</translation>
    </message>
    <message>
        <source>new branch: {name}</source>
        <translation>neue Filiale: {name}</translation>
    </message>
</context>
<context>
    <name>CliMail</name>
    <message>
        <source>send a test e-mail through the SMTP server</source>
        <translation>eine Test-E-Mail über den SMTP-Server senden</translation>
    </message>
    <message>
        <source>the interface whose e-mail address for failures gets the message</source>
        <translation>die Schnittstelle, an deren E-Mail-Adresse für Fehlerberichte die Nachricht geht</translation>
    </message>
    <message>
        <source>print the result as JSON</source>
        <translation>das Ergebnis als JSON ausgeben</translation>
    </message>
    <message>
        <source>the SMTP server that sends the failure reports</source>
        <translation>der SMTP-Server, der die Fehlerberichte versendet</translation>
    </message>
    <message>
        <source>set up the SMTP server</source>
        <translation>den SMTP-Server einrichten</translation>
    </message>
    <message>
        <source>the SMTP server&apos;s name</source>
        <translation>der Name des SMTP-Servers</translation>
    </message>
    <message>
        <source>the port (default: the usual one of the encryption)</source>
        <translation>der Port (Standard: der übliche der Verschlüsselung)</translation>
    </message>
    <message>
        <source>the encryption (default: starttls)</source>
        <translation>die Verschlüsselung (Standard: starttls)</translation>
    </message>
    <message>
        <source>the user name (empty: no login)</source>
        <translation>der Benutzername (leer: ohne Anmeldung)</translation>
    </message>
    <message>
        <source>the From address of the reports</source>
        <translation>die Absenderadresse der Berichte</translation>
    </message>
    <message>
        <source>read the password from the first line of standard input</source>
        <translation>das Passwort aus der ersten Zeile der Standardeingabe lesen</translation>
    </message>
    <message>
        <source>print the SMTP settings (never the password)</source>
        <translation>die SMTP-Einstellungen ausgeben (nie das Passwort)</translation>
    </message>
    <message>
        <source>print the settings as JSON</source>
        <translation>die Einstellungen als JSON ausgeben</translation>
    </message>
    <message>
        <source>The interface “{name}” has no e-mail address for error reports. Enter one in the interface&apos;s form in the program (or as error_email with interfaces import), then test again.</source>
        <translation>Die Schnittstelle „{name}“ hat keine E-Mail-Adresse für Fehlerberichte. Bitte eine im Formular der Schnittstelle im Programm eintragen (oder als error_email mit interfaces import) und dann erneut testen.</translation>
    </message>
    <message>
        <source>The SMTP password cannot be read: {reason}</source>
        <translation>Das Passwort des SMTP-Servers kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>--port must be between 1 and 65535. Nothing was saved.</source>
        <translation>--port muss zwischen 1 und 65535 liegen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>--sender must be an e-mail address (name@example.org). Nothing was saved.</source>
        <translation>--sender muss eine E-Mail-Adresse sein (name@example.org). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>--host must be the SMTP server&apos;s host name only, e.g. smtp.example.com (no spaces, no “smtp://”). Nothing was saved.</source>
        <translation>--host muss allein der Hostname des SMTP-Servers sein, z. B. smtp.filialkette.de (keine Leerzeichen, kein „smtp://“). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The password could not be stored, so nothing was saved: {reason}</source>
        <translation>Das Passwort konnte nicht gespeichert werden, daher wurde nichts gespeichert: {reason}</translation>
    </message>
    <message>
        <source>SMTP server set: {host}:{port}</source>
        <translation>SMTP-Server eingerichtet: {host}:{port}</translation>
    </message>
    <message>
        <source>The SMTP settings are not valid; nothing was saved</source>
        <translation>Die SMTP-Einstellungen sind ungültig; es wurde nichts gespeichert</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Password stored</source>
        <translation>Passwort gespeichert</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>Eingerichtet</translation>
    </message>
</context>
<context>
    <name>CliRuns</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>nicht gelaufen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>gebucht</translation>
    </message>
    <message>
        <source>booked before</source>
        <translation>bereits gebucht</translation>
    </message>
    <message>
        <source>nothing to book</source>
        <translation>nichts zu buchen</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>not finished</source>
        <translation>nicht fertig</translation>
    </message>
    <message numerus="yes">
        <source>{file}: {outcome}, %n booking(s) for {amount}, {server}</source>
        <translation>
            <numerusform>{file}: {outcome}, %n Buchung über {amount}, {server}</numerusform>
            <numerusform>{file}: {outcome}, %n Buchungen über {amount}, {server}</numerusform>
        </translation>
    </message>
    <message>
        <source>deleted on the server</source>
        <translation>vom Server gelöscht</translation>
    </message>
    <message>
        <source>kept on the server</source>
        <translation>bleibt auf dem Server</translation>
    </message>
    <message>
        <source>{file}: skipped, kept on the server – {reason}</source>
        <translation>{file}: übersprungen, bleibt auf dem Server – {reason}</translation>
    </message>
    <message>
        <source>fingerprint: {fingerprint}</source>
        <translation>Fingerabdruck: {fingerprint}</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s)</source>
        <translation>
            <numerusform>%n Buchung</numerusform>
            <numerusform>%n Buchungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) to clarify</source>
        <translation>
            <numerusform>%n Klärungsfall</numerusform>
            <numerusform>%n Klärungsfälle</numerusform>
        </translation>
    </message>
    <message>
        <source>“{text}” is not a whole number</source>
        <translation>„{text}“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>must be between 1 and 10000</source>
        <translation>muss zwischen 1 und 10000 liegen</translation>
    </message>
    <message>
        <source>“{text}” is not a number of seconds</source>
        <translation>„{text}“ ist keine Anzahl Sekunden</translation>
    </message>
    <message>
        <source>must be between 1 and 600 seconds</source>
        <translation>muss zwischen 1 und 600 Sekunden liegen</translation>
    </message>
    <message>
        <source>run one interface now</source>
        <translation>eine Schnittstelle jetzt ausführen</translation>
    </message>
    <message>
        <source>plan only: book nothing and delete nothing</source>
        <translation>nur planen: nichts buchen und nichts löschen</translation>
    </message>
    <message>
        <source>run even outside 06:00 to 22:00, the time when maintenance work may run</source>
        <translation>auch außerhalb von 06:00 bis 22:00 Uhr ausführen, wenn Wartungsarbeiten laufen können</translation>
    </message>
    <message>
        <source>run the schedule without a window (as a service)</source>
        <translation>den Zeitplan ohne Fenster ausführen (als Dienst)</translation>
    </message>
    <message>
        <source>this computer&apos;s branch: interfaces of other branches do not run here (env DESKTOP_APP_BRANCH; without either, the branch chosen in the program on this computer)</source>
        <translation>die Filiale dieses Rechners: Schnittstellen anderer Filialen laufen hier nicht (Umgebungsvariable DESKTOP_APP_BRANCH; ohne beides die im Programm auf diesem Rechner gewählte Filiale)</translation>
    </message>
    <message>
        <source>test an interface&apos;s server: every step of a run</source>
        <translation>den Server einer Schnittstelle testen: jeden Schritt eines Laufs</translation>
    </message>
    <message>
        <source>trust this certificate or host key (SHA-256), then test</source>
        <translation>diesem Zertifikat oder SSH-Schlüssel (SHA-256) vertrauen, dann testen</translation>
    </message>
    <message>
        <source>seconds per step, 1 to 600 (default 15)</source>
        <translation>Sekunden je Schritt, 1 bis 600 (Vorgabe 15)</translation>
    </message>
    <message>
        <source>the interface&apos;s name</source>
        <translation>der Name der Schnittstelle</translation>
    </message>
    <message>
        <source>print the result as JSON</source>
        <translation>das Ergebnis als JSON ausgeben</translation>
    </message>
    <message>
        <source>an interface&apos;s past runs</source>
        <translation>die bisherigen Läufe einer Schnittstelle</translation>
    </message>
    <message>
        <source>at most this many runs, the newest first (1 to 10000)</source>
        <translation>höchstens so viele Läufe, die neuesten zuerst (1 bis 10000)</translation>
    </message>
    <message>
        <source>print the runs as JSON; &quot;cases&quot; is the number of payments to clarify a run opened (cases list --run ID lists them)</source>
        <translation>die Läufe als JSON ausgeben; „cases“ ist die Zahl der Klärungsfälle, die ein Lauf eröffnet hat (cases list --run ID listet sie auf)</translation>
    </message>
    <message>
        <source>“{name}” did not run: it is outside 06:00 to 22:00, the time when maintenance work may run. Add --force to run it anyway.</source>
        <translation>„{name}“ wurde nicht ausgeführt: Es ist außerhalb von 06:00 bis 22:00 Uhr, dann können Wartungsarbeiten laufen. Mit --force läuft die Schnittstelle trotzdem.</translation>
    </message>
    <message>
        <source>The interface&apos;s server settings cannot be tested</source>
        <translation>Die Servereinstellungen der Schnittstelle können nicht getestet werden</translation>
    </message>
    <message>
        <source>The interface&apos;s password cannot be read: {reason}</source>
        <translation>Das Passwort der Schnittstelle kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>--trust: “{given}”: {reason}</source>
        <translation>--trust: „{given}“: {reason}</translation>
    </message>
</context>
<context>
    <name>CliUsers</name>
    <message>
        <source>user accounts of the desktop program</source>
        <translation>die Benutzerkonten des Programms</translation>
    </message>
    <message>
        <source>add a user (to the group Staff unless --admin is given)</source>
        <translation>einen Benutzer anlegen (in der Gruppe Mitarbeiter, mit --admin in der Gruppe Administratoren)</translation>
    </message>
    <message>
        <source>the user name</source>
        <translation>der Benutzername</translation>
    </message>
    <message>
        <source>put the user in the group Administrators</source>
        <translation>den Benutzer in die Gruppe Administratoren aufnehmen</translation>
    </message>
    <message>
        <source>read the password from standard input (required)</source>
        <translation>das Passwort von der Standardeingabe lesen (erforderlich)</translation>
    </message>
    <message>
        <source>list the users (names and groups only)</source>
        <translation>die Benutzer auflisten (nur Namen und Gruppen)</translation>
    </message>
    <message>
        <source>print JSON for scripts</source>
        <translation>JSON für Skripte ausgeben</translation>
    </message>
    <message>
        <source>lift the lock after too many wrong passwords</source>
        <translation>die Sperre nach zu vielen falschen Passwörtern aufheben</translation>
    </message>
    <message>
        <source>Administrators</source>
        <translation>Administratoren</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>--password-stdin is required: a password is never taken from the command line. Pass it on standard input.</source>
        <translation>--password-stdin ist erforderlich: Ein Passwort wird nie von der Befehlszeile genommen. Bitte das Passwort über die Standardeingabe übergeben.</translation>
    </message>
    <message>
        <source>The user was not created: {reason}</source>
        <translation>Der Benutzer wurde nicht angelegt: {reason}</translation>
    </message>
    <message>
        <source>Created user &apos;{name}&apos; ({group}).</source>
        <translation>Der Benutzer „{name}“ wurde angelegt ({group}).</translation>
    </message>
    <message>
        <source>(disabled)</source>
        <translation>(deaktiviert)</translation>
    </message>
    <message>
        <source>(locked until {time})</source>
        <translation>(gesperrt bis {time} Uhr)</translation>
    </message>
    <message>
        <source>Unlocked user &apos;{name}&apos;; they may log in again.</source>
        <translation>Die Sperre des Benutzers „{name}“ ist aufgehoben; er kann sich wieder anmelden.</translation>
    </message>
    <message>
        <source>User &apos;{name}&apos; was not locked.</source>
        <translation>Der Benutzer „{name}“ war nicht gesperrt.</translation>
    </message>
</context>
<context>
    <name>CloseCaseDialog</name>
    <message>
        <source>Close case {id} without booking</source>
        <translation>Fall {id} ohne Buchung erledigen</translation>
    </message>
    <message>
        <source>Nothing is booked; the case is closed with your reason (e.g. “refunded to the customer”). It is written to the audit log.</source>
        <translation>Es wird nichts gebucht; der Fall wird mit Ihrem Grund erledigt (z. B. „an Kunden zurücküberwiesen“). Das wird im Protokoll festgehalten.</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>Fall &amp;erledigen</translation>
    </message>
</context>
<context>
    <name>ConfigImportDialog</name>
    <message>
        <source>Import configuration</source>
        <translation>Konfiguration importieren</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Datei: {path}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reading the file …</source>
        <translation>Die Datei wird gelesen …</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Changed fields</source>
        <translation>Geänderte Felder</translation>
    </message>
    <message>
        <source>Importing …</source>
        <translation>Wird importiert …</translation>
    </message>
    <message>
        <source>The preview now shows the current state.</source>
        <translation>Die Vorschau zeigt jetzt den aktuellen Stand.</translation>
    </message>
    <message>
        <source>Nothing has been changed yet. “Import” applies these changes.</source>
        <translation>Noch ist nichts geändert. „Importieren“ übernimmt diese Änderungen.</translation>
    </message>
    <message>
        <source>This ledger already has this configuration.</source>
        <translation>Diese Datenbank hat diese Konfiguration bereits.</translation>
    </message>
    <message>
        <source>The configuration was imported.</source>
        <translation>Die Konfiguration wurde importiert.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>{kind}: new {added}, changed {changed}, unchanged {unchanged}</source>
        <translation>{kind}: neu {added}, geändert {changed}, unverändert {unchanged}</translation>
    </message>
    <message>
        <source>The file holds no entries.</source>
        <translation>Die Datei enthält keine Einträge.</translation>
    </message>
    <message>
        <source>SMTP server (Administration → SMTP outgoing mail server)</source>
        <translation>SMTP-Server (Verwaltung → SMTP-Postausgangsserver)</translation>
    </message>
    <message>
        <source>Interface “{name}” (its form, FTP password)</source>
        <translation>Schnittstelle „{name}“ (im Formular, FTP-Passwort)</translation>
    </message>
    <message>
        <source>Passwords still to be set on this computer:</source>
        <translation>Auf diesem Rechner noch zu setzende Passwörter:</translation>
    </message>
    <message>
        <source>Passwords this computer will still lack after the import:</source>
        <translation>Diese Passwörter fehlen auf diesem Rechner nach dem Import noch:</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Mandanten</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Chain options</source>
        <translation>Filialkettenoptionen</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP-Server</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>Schnittstellen</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>Trusted fingerprints</source>
        <translation>Vertraute Fingerabdrücke</translation>
    </message>
    <message>
        <source>Trusted fingerprint</source>
        <translation>Vertrauter Fingerabdruck</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>The file holds invalid entries; nothing was imported:</source>
        <translation>Die Datei enthält ungültige Einträge; es wurde nichts importiert:</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Try again now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Trying again …</source>
        <translation>Neuer Versuch …</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s).</source>
        <translation>
            <numerusform>Neuer Versuch in %n Sekunde.</numerusform>
            <numerusform>Neuer Versuch in %n Sekunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Demo of the accounting import</source>
        <translation>Demo des Buchhaltungsimports</translation>
    </message>
    <message>
        <source>  Login:      user {user}, password {password}</source>
        <translation>  Anmeldung:  Benutzer {user}, Passwort {password}</translation>
    </message>
    <message>
        <source>  (The password is shown this once only.)</source>
        <translation>  (Das Passwort wird nur dieses eine Mal angezeigt.)</translation>
    </message>
    <message>
        <source>  FTP server: 127.0.0.1:{port} (on this computer only)</source>
        <translation>  FTP-Server: 127.0.0.1:{port} (nur auf diesem Rechner)</translation>
    </message>
    <message>
        <source>  Data:       {path} (deleted when the program ends)</source>
        <translation>  Daten:      {path} (wird beim Beenden gelöscht)</translation>
    </message>
    <message>
        <source>  Note:       {note}</source>
        <translation>  Hinweis:    {note}</translation>
    </message>
    <message>
        <source>No keyring available: the demo keeps its FTP password in memory only.</source>
        <translation>Kein Schlüsselbund verfügbar: Die Demo hält ihr FTP-Passwort nur im Arbeitsspeicher.</translation>
    </message>
</context>
<context>
    <name>EmailTestControl</name>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Sends a test e-mail to this address now.</source>
        <translation>Sendet jetzt eine Test-E-Mail an diese Adresse.</translation>
    </message>
    <message>
        <source>Sending a test message to {address} …</source>
        <translation>Testnachricht an {address} wird gesendet …</translation>
    </message>
    <message>
        <source>First an administrator must set up the SMTP outgoing mail server.</source>
        <translation>Zuerst muss ein Administrator den SMTP-Postausgangsserver einrichten.</translation>
    </message>
    <message>
        <source>Set up SMTP server …</source>
        <translation>SMTP-Server einrichten …</translation>
    </message>
    <message>
        <source>No SMTP outgoing mail server is set up yet: no report can be sent.</source>
        <translation>Es ist noch kein SMTP-Postausgangsserver eingerichtet: kein Bericht kann versendet werden.</translation>
    </message>
</context>
<context>
    <name>FilesModel</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Deleted on server</source>
        <translation>Auf dem Server gelöscht</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>FtpTestPanel</name>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>The trusted certificate is stored when you save this interface.</source>
        <translation>Das als vertrauenswürdig bestätigte Zertifikat wird beim Speichern dieser Schnittstelle übernommen.</translation>
    </message>
    <message>
        <source>Cannot test yet: {problems}</source>
        <translation>Test noch nicht möglich: {problems}</translation>
    </message>
    <message>
        <source>Testing …</source>
        <translation>Test läuft …</translation>
    </message>
    <message>
        <source>Cancelled by the user.</source>
        <translation>Vom Benutzer abgebrochen.</translation>
    </message>
    <message>
        <source>Tests the values in the form, saved or not: reach the server, log in, open and list the directory, write a probe file, read it back and delete it.</source>
        <translation>Testet die Werte im Formular, gespeichert oder nicht: Server erreichen, anmelden, Verzeichnis öffnen und auflisten, Testdatei schreiben, zurücklesen und löschen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Test passed: every step succeeded.</source>
        <translation>Test erfolgreich: Alle Schritte bestanden.</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>Test failed at “{step}”.</source>
        <translation>Test fehlgeschlagen bei „{step}“.</translation>
    </message>
    <message>
        <source>The stored password could not be read: {detail}</source>
        <translation>Das gespeicherte Passwort konnte nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <source>Tests the values in the form, also unsaved ones.</source>
        <translation>Testet die Werte im Formular, auch ungespeicherte.</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>Fingerabdruck (SHA-256):</translation>
    </message>
    <message>
        <source>Trust this SSH key …</source>
        <translation>Diesem SSH-Schlüssel vertrauen …</translation>
    </message>
    <message>
        <source>Trust this certificate …</source>
        <translation>Diesem Zertifikat vertrauen …</translation>
    </message>
    <message>
        <source>Not trusted: {detail}</source>
        <translation>Nicht vertraut: {detail}</translation>
    </message>
    <message>
        <source>Storing the trusted fingerprint …</source>
        <translation>Der Fingerabdruck wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>GuardControls</name>
    <message>
        <source>Largest share of open invoices</source>
        <translation>Höchster Anteil offener Rechnungen</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>ohne Grenze</translation>
    </message>
    <message>
        <source>A file that would settle more of the open invoices in scope is refused.</source>
        <translation>Eine Datei, die einen größeren Anteil der offenen Rechnungen ausgleichen würde, wird abgelehnt.</translation>
    </message>
    <message>
        <source>Any share of the open invoices may be settled.</source>
        <translation>Jeder Anteil der offenen Rechnungen darf ausgeglichen werden.</translation>
    </message>
</context>
<context>
    <name>HandbookDialog</name>
    <message>
        <source>Manual</source>
        <translation>Handbuch</translation>
    </message>
    <message>
        <source>The manual could not be read: {path}</source>
        <translation>Das Handbuch konnte nicht gelesen werden: {path}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History – {name}</source>
        <translation>Verlauf – {name}</translation>
    </message>
    <message>
        <source>History of the interface “{name}”</source>
        <translation>Verlauf der Schnittstelle „{name}“</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Files of the selected run</source>
        <translation>Dateien des ausgewählten Laufs</translation>
    </message>
    <message>
        <source>Rows not booked</source>
        <translation>Nicht gebuchte Zeilen</translation>
    </message>
    <message>
        <source>Loading the history …</source>
        <translation>Der Verlauf wird geladen …</translation>
    </message>
    <message>
        <source>{count} runs, newest first.</source>
        <translation>{count} Läufe, der neueste zuerst.</translation>
    </message>
    <message>
        <source>One run.</source>
        <translation>Ein Lauf.</translation>
    </message>
    <message>
        <source>This interface has not run yet.</source>
        <translation>Diese Schnittstelle ist noch nicht gelaufen.</translation>
    </message>
    <message>
        <source>The history could not be read: {detail}</source>
        <translation>Der Verlauf konnte nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <source>Files of the selected run: {count}</source>
        <translation>Dateien des ausgewählten Laufs: {count}</translation>
    </message>
    <message>
        <source>Rows not booked: {count}</source>
        <translation>Nicht gebuchte Zeilen: {count}</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) to clarify belong to this run.</source>
        <translation>
            <numerusform>Zu diesem Lauf gehört %n Klärungsfall.</numerusform>
            <numerusform>Zu diesem Lauf gehören %n Klärungsfälle.</numerusform>
        </translation>
    </message>
    <message>
        <source>A dry run opens no payments to clarify.</source>
        <translation>Ein Probelauf eröffnet keine Klärungsfälle.</translation>
    </message>
    <message>
        <source>This run opened no payments to clarify: a refused or failed file books nothing and opens none; its rows are checked again when it is imported.</source>
        <translation>Dieser Lauf hat keine Klärungsfälle eröffnet: Eine abgelehnte oder fehlgeschlagene Datei bucht nichts und eröffnet keine; ihre Zeilen werden erneut geprüft, wenn sie importiert wird.</translation>
    </message>
    <message>
        <source>This run opened no payments to clarify.</source>
        <translation>Dieser Lauf hat keine Klärungsfälle eröffnet.</translation>
    </message>
    <message>
        <source>Payments to &amp;clarify of this run …</source>
        <translation>&amp;Klärungsfälle dieses Laufs …</translation>
    </message>
</context>
<context>
    <name>ImportFileInputs</name>
    <message>
        <source>File and settings</source>
        <translation>Datei und Einstellungen</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Keine Datei gewählt</translation>
    </message>
    <message>
        <source>Choose …</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Please choose</source>
        <translation>Bitte wählen</translation>
    </message>
    <message>
        <source>Import type:</source>
        <translation>Importart:</translation>
    </message>
    <message>
        <source>Set invoices paid up to:</source>
        <translation>Rechnungen bezahlt setzen bis zum:</translation>
    </message>
    <message>
        <source>Clients:</source>
        <translation>Mandanten:</translation>
    </message>
    <message>
        <source>Invoices dated on or after this day are not taken as paid when an open-items list leaves them out: the list may not know them yet. Preset: the day the file was last modified. A date inside the file itself takes precedence.</source>
        <translation>Rechnungen mit einem Rechnungsdatum an oder nach diesem Tag gelten nicht als bezahlt, wenn sie in einer Offene-Posten-Liste fehlen: die Liste kennt sie womöglich noch nicht. Vorgabe: der Tag der letzten Änderung der Datei. Ein Datum in der Datei selbst geht vor.</translation>
    </message>
    <message>
        <source>File as of</source>
        <translation>Stand der Datei</translation>
    </message>
    <message>
        <source>File &amp;as of:</source>
        <translation>&amp;Stand der Datei:</translation>
    </message>
    <message>
        <source>yesterday ({date})</source>
        <translation>gestern ({date})</translation>
    </message>
    <message>
        <source>today ({date})</source>
        <translation>heute ({date})</translation>
    </message>
    <message>
        <source>tomorrow ({date})</source>
        <translation>morgen ({date})</translation>
    </message>
    <message>
        <source>Please choose a file.</source>
        <translation>Bitte eine Datei wählen.</translation>
    </message>
    <message>
        <source>Please choose the import type.</source>
        <translation>Bitte die Importart wählen.</translation>
    </message>
    <message>
        <source>There is no client yet: please import the invoices first.</source>
        <translation>Es gibt noch keinen Mandanten: bitte zuerst die Rechnungen einlesen.</translation>
    </message>
    <message>
        <source>Please tick at least one client.</source>
        <translation>Bitte mindestens einen Mandanten ankreuzen.</translation>
    </message>
</context>
<context>
    <name>ImportPlanModel</name>
    <message>
        <source>Payment</source>
        <extracomment>Rows rightly left unbooked that need nobody, shown grey: no money waits on them and they open no Klärungsfall. The list agrees with the ledger (or adds to a row above); it names an invoice dated after the booking date, which a later list settles; it says more is open than is, as a list older than a payment booked since does (never taken back); or the payment was booked, or its case dealt with, before. A debit or an amount not above zero, a storno and a credit note are no money received: the product does not book them on purpose, so red (something went wrong) would mislead; the status says why.</extracomment>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Overpaid</source>
        <translation>Überzahlt</translation>
    </message>
    <message>
        <source>No payment</source>
        <translation>Keine Zahlung</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Vorgemerkt</translation>
    </message>
    <message>
        <source>Already booked</source>
        <translation>Bereits gebucht</translation>
    </message>
    <message>
        <source>Foreign currency</source>
        <translation>Fremdwährung</translation>
    </message>
    <message>
        <source>No invoice number</source>
        <translation>Ohne Rechnungsnummer</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Ambiguous</source>
        <translation>Mehrdeutig</translation>
    </message>
    <message>
        <source>Already settled</source>
        <translation>Bereits ausgeglichen</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>Combined</source>
        <translation>Zusammengefasst</translation>
    </message>
    <message>
        <source>Out of scope</source>
        <translation>Nach dem Buchungsdatum</translation>
    </message>
    <message>
        <source>Negative difference</source>
        <translation>Negative Differenz</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Gutschrift</translation>
    </message>
    <message>
        <source>Missing from file</source>
        <translation>Fehlt in der Datei</translation>
    </message>
    <message>
        <source>Open in file</source>
        <translation>Offen laut Datei</translation>
    </message>
    <message>
        <source>Would book</source>
        <translation>Wäre zu buchen</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Rechnungsnummer</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>To book</source>
        <translation>Zu buchen</translation>
    </message>
    <message>
        <source>Note / reason</source>
        <translation>Hinweis / Grund</translation>
    </message>
    <message>
        <source>No amount in the file: the whole open amount is booked.</source>
        <translation>Kein Betrag in der Datei: der ganze offene Betrag wird gebucht.</translation>
    </message>
    <message>
        <source>{note}: counts as paid in full.</source>
        <translation>{note}: gilt als vollständig bezahlt.</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>Storno</translation>
    </message>
    <message>
        <source>Returned payment</source>
        <translation>Rücklastschrift</translation>
    </message>
    <message>
        <source>No payment posting</source>
        <translation>Keine Zahlungsbuchung</translation>
    </message>
    <message>
        <source>No customer account</source>
        <translation>Kein Debitorenkonto</translation>
    </message>
    <message>
        <source>Possibly booked</source>
        <translation>Möglicherweise gebucht</translation>
    </message>
    <message>
        <source>Possible match</source>
        <translation>Möglicher Treffer</translation>
    </message>
    <message>
        <source>Other client</source>
        <translation>Anderer Mandant</translation>
    </message>
</context>
<context>
    <name>ImportPreviewButtons</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Show what the file would book; writes nothing.</source>
        <translation>Zeigt, was die Datei buchen würde; schreibt nichts.</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Buchen</translation>
    </message>
    <message>
        <source>Book exactly the preview shown.</source>
        <translation>Bucht genau die angezeigte Vorschau.</translation>
    </message>
    <message>
        <source>Import anyway …</source>
        <translation>Trotzdem importieren …</translation>
    </message>
    <message>
        <source>The checks for open items refused this file. Shows what it books without them; booking it is written to the audit log.</source>
        <translation>Die Prüfungen für Offene Posten haben diese Datei abgelehnt. Zeigt, was sie ohne die Prüfungen bucht; das Buchen wird im Änderungsprotokoll festgehalten.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reading the file …</source>
        <translation>Datei wird gelesen …</translation>
    </message>
    <message>
        <source>Loading …</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Making the preview …</source>
        <translation>Vorschau wird berechnet …</translation>
    </message>
    <message>
        <source>Booking …</source>
        <translation>Wird gebucht …</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import file</source>
        <translation>Datei importieren</translation>
    </message>
    <message>
        <source>Choose a payment file</source>
        <translation>Zahlungsdatei wählen</translation>
    </message>
    <message>
        <source>Payment files (*.csv *.txt *.sta *.mt940 *.940 *.xml);;All files (*)</source>
        <translation>Zahlungsdateien (*.csv *.txt *.sta *.mt940 *.940 *.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>recognised from the file&apos;s content</source>
        <translation>am Inhalt der Datei erkannt</translation>
    </message>
    <message>
        <source>not recognised: please choose</source>
        <translation>nicht erkannt: bitte wählen</translation>
    </message>
    <message>
        <source>The invoices changed since the preview (another import or user), so nothing was booked. The preview has been made again: please check it and book again.</source>
        <translation>Seit der Vorschau haben sich Rechnungen geändert (ein anderer Import oder Benutzer); es wurde nichts gebucht. Die Vorschau wurde neu berechnet: bitte prüfen und erneut buchen.</translation>
    </message>
    <message>
        <source>Not booked, the ledger is unchanged: {detail}</source>
        <translation>Nicht gebucht, es wurde nichts geändert: {detail}</translation>
    </message>
    <message>
        <source>Import anyway?</source>
        <translation>Trotzdem importieren?</translation>
    </message>
    <message>
        <source>The checks for open items refused this file:

{reasons}

An open-items list takes every invoice it leaves out as paid. Only continue when you know the file is complete and current. The preview then shows what it books without the checks; “Book” books it once and writes it to the audit log.</source>
        <translation>Die Prüfungen für Offene Posten haben diese Datei abgelehnt:

{reasons}

Eine Offene-Posten-Liste nimmt jede Rechnung, die sie nicht nennt, als bezahlt. Bitte nur fortfahren, wenn die Datei sicher vollständig und aktuell ist. Die Vorschau zeigt dann, was sie ohne die Prüfungen bucht; „Buchen“ bucht sie einmal und hält das im Änderungsprotokoll fest.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewResults</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Checks for open items</source>
        <translation>Prüfungen für Offene Posten</translation>
    </message>
    <message>
        <source>This file (the same content) has already been booked. It is not booked again.</source>
        <translation>Diese Datei (gleicher Inhalt) wurde bereits gebucht. Sie wird nicht noch einmal gebucht.</translation>
    </message>
    <message>
        <source>Refused, nothing will be booked: {reason}</source>
        <translation>Abgelehnt, es wird nichts gebucht: {reason}</translation>
    </message>
    <message>
        <source>Nothing to book: no row settles an open invoice.</source>
        <translation>Nichts zu buchen: keine Zeile gleicht eine offene Rechnung aus.</translation>
    </message>
    <message numerus="yes">
        <source>Checks passed by on your request: %n booking(s) totalling {amount}, dated {date}. “Book” books this file once and writes it to the audit log.</source>
        <translation>
            <numerusform>Prüfungen auf Ihren Wunsch übergangen: %n Buchung über {amount}, datiert {date}. „Buchen“ bucht diese Datei einmal und hält das im Änderungsprotokoll fest.</numerusform>
            <numerusform>Prüfungen auf Ihren Wunsch übergangen: %n Buchungen über insgesamt {amount}, datiert {date}. „Buchen“ bucht diese Datei einmal und hält das im Änderungsprotokoll fest.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready to book: %n booking(s) totalling {amount}, dated {date}, flagged “do not export”.</source>
        <translation>
            <numerusform>Bereit zum Buchen: %n Buchung über {amount} zum {date}, gekennzeichnet „nicht exportieren“.</numerusform>
            <numerusform>Bereit zum Buchen: %n Buchungen über {amount} zum {date}, gekennzeichnet „nicht exportieren“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Booked: %n booking(s) totalling {amount}, dated {date}.</source>
        <translation>
            <numerusform>Gebucht: %n Buchung über {amount} zum {date}.</numerusform>
            <numerusform>Gebucht: %n Buchungen über {amount} zum {date}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rows: {n}</source>
        <translation>Zeilen: {n}</translation>
    </message>
    <message>
        <source>Matched: {n}</source>
        <translation>Zugeordnet: {n}</translation>
    </message>
    <message>
        <source>Bookings: {n}</source>
        <translation>Buchungen: {n}</translation>
    </message>
    <message>
        <source>Amount: {amount}</source>
        <translation>Betrag: {amount}</translation>
    </message>
    <message>
        <source>Surplus: {amount}</source>
        <translation>Überzahlung: {amount}</translation>
    </message>
    <message>
        <source>Rows with a note: {n}</source>
        <translation>Zeilen mit Hinweis: {n}</translation>
    </message>
    <message>
        <source>Open invoices in scope: {n}</source>
        <translation>Offene Rechnungen bis zum Stichtag: {n}</translation>
    </message>
    <message>
        <source>Data rows</source>
        <translation>Datenzeilen</translation>
    </message>
    <message>
        <source>File date</source>
        <translation>Dateidatum</translation>
    </message>
    <message>
        <source>Share of open invoices</source>
        <translation>Anteil offener Rechnungen</translation>
    </message>
    <message>
        <source>An open-items file lists what is still open: whatever it leaves out counts as paid. An empty file would mark every open invoice paid, so it is refused.</source>
        <translation>Eine Offene-Posten-Datei nennt, was noch offen ist: Was sie nicht nennt, gilt als bezahlt. Eine leere Datei würde alle offenen Rechnungen als bezahlt setzen; sie wird abgelehnt.</translation>
    </message>
    <message>
        <source>A file older than the last one read would mark as open again what was paid since; it is refused.</source>
        <translation>Eine Datei, die älter ist als die zuletzt eingelesene, würde seither Bezahltes wieder als offen führen; sie wird abgelehnt.</translation>
    </message>
    <message>
        <source>A file may settle at most {share} of the open invoices at once: more looks like an incomplete or wrong list rather than payments, and nothing is booked.</source>
        <translation>Eine Datei darf höchstens {share} der offenen Rechnungen auf einmal ausgleichen: Mehr sieht nach einer unvollständigen oder falschen Liste aus, nicht nach Zahlungen; dann wird nichts gebucht.</translation>
    </message>
</context>
<context>
    <name>InterfaceEditing</name>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Saving …</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Not saved: the password could not be stored (see Password).</source>
        <translation>Nicht gespeichert: Das Passwort konnte nicht gespeichert werden (siehe Passwort).</translation>
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
        <source>optional, e.g. \d{6}</source>
        <translation>optional, z. B. \d{6}</translation>
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
        <source>FTPS (implicit, port 990)</source>
        <translation>FTPS (implizit, Port 990)</translation>
    </message>
    <message>
        <source>e.g. payments</source>
        <translation>z. B. Zahlungen</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> Minuten</translation>
    </message>
    <message>
        <source>ftp.tax-adviser.example</source>
        <translation>ftp.steuerberater.de</translation>
    </message>
    <message>
        <source>ACCOUNTING/IMPORTS/</source>
        <translation>BUCHHALTUNG/IMPORTE/</translation>
    </message>
    <message>
        <source>Ends with “/”, e.g. ACCOUNTING/IMPORTS/; empty: the root.</source>
        <translation>Endet mit „/“, z. B. BUCHHALTUNG/IMPORTE/; leer: das Hauptverzeichnis.</translation>
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
        <source>The invoice number pattern is not used for “{format}” and was not saved.</source>
        <translation>Das Muster der Rechnungsnummer wird für „{format}“ nicht verwendet und wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>The name of the interface. It identifies the interface in the list, in the log and on the command line.</source>
        <translation>Der Name der Schnittstelle. Unter ihm erscheint sie in der Liste, im Verlauf und auf der Kommandozeile.</translation>
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
        <source>Optional. Restricts the interface to one branch. Empty: every branch may use it.</source>
        <translation>Optional. Beschränkt die Schnittstelle auf eine Filiale. Leer: Jede Filiale darf sie nutzen.</translation>
    </message>
    <message>
        <source>Binds the interface to one workstation. Without it, the interface is set up for the branch chain: it runs on any computer of the chain, but only once per due time.</source>
        <translation>Bindet die Schnittstelle an einen Arbeitsplatz. Ohne diese Einstellung ist sie für die Filialkette eingerichtet: Sie läuft auf jedem Rechner der Kette, aber je Fälligkeit nur einmal.</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <source>Optional date from which the interface is released automatically. Empty: at once. Before it, nothing runs.</source>
        <translation>Optionales Datum, ab dem die Schnittstelle automatisch freigegeben ist. Leer: sofort. Vorher läuft nichts.</translation>
    </message>
    <message>
        <source>Yesterday, today or tomorrow: the date of the settlement bookings. “tomorrow” is accepted only when the chain options allow bookings in the future.</source>
        <translation>gestern, heute oder morgen: das Datum der Ausgleichsbuchungen. „morgen“ ist nur erlaubt, wenn die Filialkettenoptionen Buchungen in der Zukunft zulassen.</translation>
    </message>
    <message>
        <source>Hourly: every hour, or every x minutes (no run time). Daily: every day at the run time. Weekly: on the chosen weekdays at the run time. Day of the month: day 1 to 28, or the last day of the month, at the run time. No run ever starts outside 06:00 to 22:00, hourly runs included.</source>
        <translation>Stündlich: jede Stunde oder alle x Minuten (ohne Ausführungszeit). Täglich: jeden Tag zur Ausführungszeit. Wöchentlich: an den gewählten Wochentagen zur Ausführungszeit. Tag des Monats: Tag 1 bis 28 oder der letzte Tag des Monats, zur Ausführungszeit. Kein Lauf beginnt außerhalb von 06:00 bis 22:00 Uhr, auch kein stündlicher.</translation>
    </message>
    <message>
        <source>Hourly runs: every x minutes, from 5 to 720. 60 means every hour.</source>
        <translation>Stündliche Läufe: alle x Minuten, 5 bis 720. 60 heißt jede Stunde.</translation>
    </message>
    <message>
        <source>Time of day of the run, only 06:00 to 22:00. Earlier or later is refused: maintenance runs then.</source>
        <translation>Uhrzeit des Laufs, nur 06:00 bis 22:00 Uhr. Früher oder später wird abgelehnt: Dann laufen Wartungsarbeiten.</translation>
    </message>
    <message>
        <source>The weekdays on which the interface runs; at least one.</source>
        <translation>Die Wochentage, an denen die Schnittstelle läuft; mindestens einer.</translation>
    </message>
    <message>
        <source>Day of the month, 1 to 28, or “last” for the last day of the month.</source>
        <translation>Tag des Monats, 1 bis 28, oder „letzter“ für den letzten Tag des Monats.</translation>
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
        <source>Directory</source>
        <translation>&amp;Verzeichnis</translation>
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
        <translation>Ben&amp;utzer</translation>
    </message>
    <message>
        <source>Login name on the FTP server.</source>
        <translation>Anmeldename auf dem FTP-Server.</translation>
    </message>
    <message>
        <source>Stored only in the operating system&apos;s keyring, never in the database or a file. Leave the field empty to keep the stored password.</source>
        <translation>Wird nur im Schlüsselbund des Betriebssystems gespeichert, nie in der Datenbank oder einer Datei. Das Feld leer lassen, um das gespeicherte Passwort zu behalten.</translation>
    </message>
    <message>
        <source>Saved on</source>
        <translation>Gespeichert auf</translation>
    </message>
    <message>
        <source>The computers whose keyring holds the password. Only a computer with the current one runs the interface; “outdated” means it was changed elsewhere since: enter it there again.</source>
        <translation>Die Rechner, in deren Schlüsselbund das Passwort liegt. Nur ein Rechner mit dem aktuellen führt die Schnittstelle aus; „veraltet“ heißt, es wurde seitdem anderswo geändert: dort erneut eingeben.</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>Optional. If a run fails, a report goes to this address: what failed, which file, which line, what was and was not booked. Never a password.</source>
        <translation>Optional. Schlägt ein Lauf fehl, geht ein Bericht an diese Adresse: was fehlschlug, welche Datei, welche Zeile, was gebucht wurde und was nicht. Nie ein Passwort.</translation>
    </message>
    <message>
        <source>An older list does not know what changed since its day: it would settle once more an invoice that is open again (a payment returned or reversed).</source>
        <translation>Eine ältere Liste kennt nicht, was sich seit ihrem Tag geändert hat: Sie würde eine Rechnung erneut ausgleichen, die wieder offen ist (Zahlung zurückgebucht oder storniert).</translation>
    </message>
    <message>
        <source>Invoice numbers and checks</source>
        <translation>Rechnungsnummern und Prüfungen</translation>
    </message>
    <message>
        <source>accounts@branch.example</source>
        <translation>buchhaltung@filiale.de</translation>
    </message>
    <message>
        <source>Invoice number pa&amp;ttern</source>
        <translation>Muster der Rechnun&amp;gsnummer</translation>
    </message>
    <message>
        <source>Own checks for open items</source>
        <translation>Eigene Prüfungen für Offene Posten</translation>
    </message>
    <message>
        <source>Refuse a file without data rows</source>
        <translation>Datei ohne Datenzeilen ablehnen</translation>
    </message>
    <message>
        <source>An empty file would otherwise settle every open invoice.</source>
        <translation>Eine leere Datei würde sonst alle offenen Rechnungen ausgleichen.</translation>
    </message>
    <message>
        <source>Refuse a file older than the last one</source>
        <translation>Ältere Datei als die letzte ablehnen</translation>
    </message>
    <message>
        <source>Settle &amp;at most</source>
        <translation>Höchst&amp;quote</translation>
    </message>
    <message>
        <source>The largest share of the open invoices in scope that one file may settle; a file above it is refused and reported. Default 20 %.</source>
        <translation>Der größte Anteil der offenen Rechnungen im Zeitraum, den eine Datei ausgleichen darf; eine Datei darüber wird abgelehnt und gemeldet. Standard 20 %.</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* Pflichtangabe</translation>
    </message>
    <message>
        <source>Add branch …</source>
        <translation>Filiale hinzufügen …</translation>
    </message>
    <message>
        <source>Add client …</source>
        <translation>Mandant hinzufügen …</translation>
    </message>
    <message>
        <source>Between 06:00 and 22:00.</source>
        <translation>Zwischen 06:00 und 22:00 Uhr.</translation>
    </message>
    <message>
        <source>No client exists yet; an interface needs at least one.</source>
        <translation>Es gibt noch keinen Mandanten; eine Schnittstelle braucht mindestens einen.</translation>
    </message>
    <message>
        <source>No client exists yet; an interface needs at least one. An administrator adds clients under “Administration → Branches and clients”.</source>
        <translation>Es gibt noch keinen Mandanten; eine Schnittstelle braucht mindestens einen. Ein Administrator legt Mandanten unter „Verwaltung → Filialen und Mandanten“ an.</translation>
    </message>
    <message>
        <source>No branch exists yet: the interface is for every branch.</source>
        <translation>Es gibt noch keine Filiale: die Schnittstelle gilt für alle Filialen.</translation>
    </message>
    <message>
        <source>To save without a password, empty the password field.</source>
        <translation>Um ohne Passwort zu speichern, das Passwortfeld leeren.</translation>
    </message>
    <message>
        <source>On the computer “{name}”</source>
        <translation>Arbeitsplatz („{name}“)</translation>
    </message>
    <message>
        <source>On one computer (name missing)</source>
        <translation>Arbeitsplatz (Rechnername fehlt)</translation>
    </message>
    <message>
        <source>Runs on every computer whose scheduling runs (the service or an open program).</source>
        <translation>Läuft auf jedem Rechner, dessen Zeitplanung läuft (der Dienst oder ein geöffnetes Programm).</translation>
    </message>
    <message>
        <source>Runs on a computer whose scheduling runs (the service or an open program) and that holds the current password: {names}.</source>
        <translation>Läuft auf einem Rechner, dessen Zeitplanung läuft (der Dienst oder ein geöffnetes Programm) und der das aktuelle Passwort hat: {names}.</translation>
    </message>
    <message>
        <source>Does not run: no computer holds the current password. Enter it on the computer that is to run the interface.</source>
        <translation>Läuft nicht: Kein Rechner hat das aktuelle Passwort. Geben Sie es auf dem Rechner ein, der die Schnittstelle ausführen soll.</translation>
    </message>
    <message>
        <source>Runs on the first computer that finds the password (saved before this version) in its keyring.</source>
        <translation>Läuft auf dem ersten Rechner, der das (vor dieser Programmversion gespeicherte) Passwort in seinem Schlüsselbund findet.</translation>
    </message>
    <message>
        <source>Runs only on “{name}”, while its scheduling runs.</source>
        <translation>Läuft nur auf „{name}“, solange dort die Zeitplanung läuft.</translation>
    </message>
    <message>
        <source>Does not run: the password on “{name}” is outdated. Enter the current one there.</source>
        <translation>Läuft nicht: Das Passwort auf „{name}“ ist veraltet. Geben Sie dort das aktuelle ein.</translation>
    </message>
    <message>
        <source>Does not run: the password is not stored on “{name}”. Enter it there.</source>
        <translation>Läuft nicht: Auf „{name}“ ist kein Passwort gespeichert. Geben Sie es dort ein.</translation>
    </message>
    <message>
        <source>{computer}: current (saved {time})</source>
        <translation>{computer}: aktuell (gespeichert {time})</translation>
    </message>
    <message>
        <source>{computer}: outdated (saved {time})</source>
        <translation>{computer}: veraltet (gespeichert {time})</translation>
    </message>
    <message>
        <source>{computer} (this computer)</source>
        <translation>{computer} (dieser Rechner)</translation>
    </message>
    <message>
        <source>No password saved.</source>
        <translation>Kein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>Saved before computers were recorded; no computer has confirmed it yet.</source>
        <translation>Vor dieser Programmversion gespeichert; noch kein Rechner hat es bestätigt.</translation>
    </message>
    <message>
        <source>“{text}” is not a time of day; enter one such as 07:30.</source>
        <translation>„{text}“ ist keine Uhrzeit; bitte eine wie 07:30 eingeben.</translation>
    </message>
    <message>
        <source>One or more accounting clients. Only their invoices are touched.</source>
        <translation>Ein oder mehrere Mandanten. Nur deren Rechnungen werden bearbeitet.</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Branch</source>
        <translation>&amp;Filiale</translation>
    </message>
    <message>
        <source>Bound to a workstation</source>
        <translation>An einen Arbeitsplatz gebunden</translation>
    </message>
    <message>
        <source>C&amp;omputer</source>
        <translation>Re&amp;chner</translation>
    </message>
    <message>
        <source>The workstation&apos;s computer name when the interface is bound to a workstation (“Bound to a workstation”). An interface set up for the branch chain instead runs on any computer of the chain, but only once per due time.</source>
        <translation>Der Rechnername des Arbeitsplatzes, wenn die Schnittstelle an einen Arbeitsplatz gebunden ist („An einen Arbeitsplatz gebunden“). Eine für die Filialkette eingerichtete Schnittstelle läuft dagegen auf jedem Rechner der Kette, aber je Fälligkeit nur einmal.</translation>
    </message>
    <message>
        <source>Shows where the interface runs: “Server-side” means it is set up for the chain and runs on any computer whose scheduling runs (the background service, with no one logged in, or an open program) and that holds the current password; a workstation-bound one runs only on its computer.</source>
        <translation>Zeigt, wo die Schnittstelle läuft: „Serverseitig“ heißt, sie ist für die Filialkette eingerichtet und läuft auf jedem Rechner, dessen Zeitplanung läuft (der Hintergrunddienst, ohne dass jemand angemeldet ist, oder ein geöffnetes Programm) und der das aktuelle Passwort hat; „Arbeitsplatz“ heißt, sie läuft nur auf ihrem Rechner.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>Sta&amp;rt</translation>
    </message>
    <message>
        <source>Im&amp;port type</source>
        <translation>Im&amp;portart</translation>
    </message>
    <message>
        <source>The format of the payment files: closed items, open items, DATEV posting batch, DATEV open items (OPOS), MT940 or camt.053.</source>
        <translation>Das Format der Zahlungsdateien: Geschlossene Posten, Offene Posten, DATEV Buchungsstapel, DATEV OPOS, MT940 oder camt.053.</translation>
    </message>
    <message>
        <source>&amp;Client</source>
        <translation>&amp;Mandant</translation>
    </message>
    <message>
        <source>Set invoices pai&amp;d up to</source>
        <translation>Rechnungen bezah&amp;lt setzen bis zum</translation>
    </message>
    <message>
        <source>Fil&amp;e name</source>
        <translation>Da&amp;teiname</translation>
    </message>
    <message>
        <source>A part of the file name, e.g. “payments”. Every file in the directory whose name contains it is fetched, so one run may import several files. With * or ? it is a pattern of the whole name, e.g. “*.sta”. Empty: every file.</source>
        <translation>Ein Teil des Dateinamens, z. B. „Zahlungen“. Jede Datei im Verzeichnis, deren Name ihn enthält, wird abgeholt; ein Lauf kann also mehrere Dateien importieren. Mit * oder ? ist es ein Muster des ganzen Namens, z. B. „*.sta“. Leer: jede Datei.</translation>
    </message>
    <message>
        <source>Inter&amp;val</source>
        <translation>&amp;Intervall</translation>
    </message>
    <message>
        <source>Ever&amp;y</source>
        <translation>&amp;Alle</translation>
    </message>
    <message>
        <source>R&amp;un time</source>
        <translation>Ausführungs&amp;zeit</translation>
    </message>
    <message>
        <source>Da&amp;ys</source>
        <translation>T&amp;age</translation>
    </message>
    <message>
        <source>Da&amp;y</source>
        <translation>T&amp;ag</translation>
    </message>
    <message>
        <source>P&amp;rotocol</source>
        <translation>Proto&amp;koll</translation>
    </message>
    <message>
        <source>FTP, FTPS with explicit TLS (after the greeting) or implicit TLS (from the first byte, mostly port 990; the server&apos;s certificate is checked either way) or SFTP (SSH).</source>
        <translation>FTP, FTPS mit explizitem TLS (nach der Begrüßung) oder implizitem TLS (vom ersten Byte an, meist Port 990; das Zertifikat des Servers wird in beiden Fällen geprüft) oder SFTP (SSH).</translation>
    </message>
    <message>
        <source>FTP host na&amp;me</source>
        <translation>FTP H&amp;ostname</translation>
    </message>
    <message>
        <source>Empty: the default port, 21 for FTP and FTPS (explicit), 990 for FTPS (implicit), 22 for SFTP.</source>
        <translation>Leer: der Standardport, 21 für FTP und FTPS (explizit), 990 für FTPS (implizit), 22 für SFTP.</translation>
    </message>
    <message>
        <source>Directory on the server. Empty: the root. It must end with “/”, e.g. ACCOUNTING/IMPORTS/.</source>
        <translation>Verzeichnis auf dem Server. Leer: das Hauptverzeichnis. Es muss mit „/“ enden, z. B. BUCHHALTUNG/IMPORTE/.</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;wort</translation>
    </message>
    <message>
        <source>Optional; mostly left empty. Numbers such as RE-2025-0042 are found without it; a number of digits alone, e.g. 100234, only right after a word such as “Rechnung”, else it is just a possible match. What this regular expression finds, e.g. \d{6}, counts as an invoice number (booked only when the ledger has that open invoice). Used only by MT940, camt.053 and DATEV posting batch.</source>
        <translation>Optional; meist bleibt es leer. Nummern wie RE-2025-0042 werden auch ohne Muster gefunden; eine Nummer nur aus Ziffern, z. B. 100234, nur direkt nach einem Wort wie „Rechnung“, sonst ist sie nur ein möglicher Treffer. Was dieser reguläre Ausdruck findet, z. B. \d{6}, gilt als Rechnungsnummer (gebucht nur, wenn das Rechnungsbuch diese offene Rechnung hat). Nur für MT940, camt.053 und DATEV Buchungsstapel.</translation>
    </message>
    <message>
        <source>Open items and DATEV open items (OPOS) take every invoice missing from the file as paid, so a file is refused when it is empty, older than the last one, or would settle too many invoices. Unticked: the chain&apos;s checks apply (Administration → Chain options).</source>
        <translation>Offene Posten (auch DATEV OPOS) nehmen jede Rechnung, die in der Datei fehlt, als bezahlt; deshalb wird eine Datei abgelehnt, die leer ist, älter als die letzte oder zu viele Rechnungen ausgleichen würde. Nicht angehakt: es gelten die Prüfungen der Filialkette (Verwaltung → Filialkettenoptionen).</translation>
    </message>
</context>
<context>
    <name>InterfaceListModel</name>
    <message>
        <source>No successful run since {time} (set up or released)</source>
        <translation>Seit {time} (Einrichtung oder Freigabe) noch kein erfolgreicher Lauf</translation>
    </message>
    <message>
        <source>No successful run since {time}</source>
        <translation>Seit {time} kein erfolgreicher Lauf</translation>
    </message>
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
        <source>Next run</source>
        <translation>Nächster Lauf</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Does not run: “{name}” does not hold the current password. Enter it there.</source>
        <translation>Läuft nicht: „{name}“ hat das aktuelle Passwort nicht. Geben Sie es dort ein.</translation>
    </message>
    <message>
        <source>Does not run: no computer holds the current password. Enter it on the computer that is to run the interface.</source>
        <translation>Läuft nicht: Kein Rechner hat das aktuelle Passwort. Geben Sie es auf dem Rechner ein, der die Schnittstelle ausführen soll.</translation>
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
    <message>
        <source>running …</source>
        <translation>läuft …</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>InterfaceListPanel</name>
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
        <source>Loading the interfaces …</source>
        <translation>Die Schnittstellen werden geladen …</translation>
    </message>
    <message>
        <source>No interface is set up yet.
Fill in the form on the right and save it; “New” (Ctrl+N) starts another one.</source>
        <translation>Noch keine Schnittstelle eingerichtet.
Füllen Sie rechts das Formular aus und speichern Sie es; „Neu“ (Strg+N) beginnt eine weitere.</translation>
    </message>
    <message>
        <source>No interface matches the search or the filter.</source>
        <translation>Keine Schnittstelle passt zur Suche oder zum Filter.</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Mandant</translation>
    </message>
</context>
<context>
    <name>InvoicesView</name>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>nur offene</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <source>Choose an invoice to see its bookings.</source>
        <translation>Bitte eine Rechnung wählen, um ihre Buchungen zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>Open amount: {amount} (%Ln open invoice(s))</source>
        <translation>
            <numerusform>Offener Betrag: {amount} (%Ln offene Rechnung)</numerusform>
            <numerusform>Offener Betrag: {amount} (%Ln offene Rechnungen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Open amount: {amount} (of %Ln invoice(s))</source>
        <translation>
            <numerusform>Offener Betrag: {amount} (von %Ln Rechnung)</numerusform>
            <numerusform>Offener Betrag: {amount} (von %Ln Rechnungen)</numerusform>
        </translation>
    </message>
    <message>
        <source>No bookings yet.</source>
        <translation>Noch keine Buchungen.</translation>
    </message>
    <message>
        <source>The ledger could not be read: {detail}</source>
        <translation>Die Rechnungen konnten nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <source>Search invoice number or branch</source>
        <translation>Rechnungsnummer oder Filiale suchen</translation>
    </message>
    <message>
        <source>Search invoices</source>
        <translation>Rechnungen suchen</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <source>Showing the first {shown} of {count} invoices; choose a client to see fewer. The sum covers all of them.</source>
        <translation>Angezeigt werden die ersten {shown} von {count} Rechnungen; für weniger bitte einen Mandanten wählen. Die Summe umfasst alle.</translation>
    </message>
    <message>
        <source>Bookings of invoice {number} (client {mandant})</source>
        <translation>Buchungen der Rechnung {number} (Mandant {mandant})</translation>
    </message>
    <message>
        <source>Re&amp;verse …</source>
        <translation>S&amp;tornieren …</translation>
    </message>
    <message>
        <source>A counter-booking: the open amount returns; administrators only.</source>
        <translation>Eine Gegenbuchung: der offene Betrag kehrt zurück; nur für Administratoren.</translation>
    </message>
    <message>
        <source>Reverse booking {id}</source>
        <translation>Buchung {id} stornieren</translation>
    </message>
    <message>
        <source>A counter-booking of {amount} on invoice {number}: its open amount returns and the payment becomes a case to clarify again. Nothing is deleted; the reversal is written to the audit log.</source>
        <translation>Eine Gegenbuchung über {amount} auf Rechnung {number}: ihr offener Betrag kehrt zurück, und die Zahlung wird wieder ein Klärungsfall. Nichts wird gelöscht; die Stornierung wird im Protokoll festgehalten.</translation>
    </message>
    <message>
        <source>&amp;Reverse</source>
        <translation>&amp;Stornieren</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Please log in with your user name and password.</source>
        <translation>Bitte melden Sie sich mit Benutzername und Passwort an.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Please enter your user name and password.</source>
        <translation>Bitte Benutzername und Passwort eingeben.</translation>
    </message>
    <message>
        <source>Checking …</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Too many wrong passwords in a row: logging in with this name is locked on this computer until {time}. An administrator can lift the lock.</source>
        <translation>Zu viele falsche Passwörter nacheinander: Die Anmeldung mit diesem Namen ist an diesem Rechner bis {time} Uhr gesperrt. Ein Administrator kann die Sperre aufheben.</translation>
    </message>
    <message>
        <source>The user name or the password is wrong, or the account is disabled.</source>
        <translation>Benutzername oder Passwort ist falsch, oder das Konto ist deaktiviert.</translation>
    </message>
    <message>
        <source>Logging in failed: {detail}</source>
        <translation>Die Anmeldung ist fehlgeschlagen: {detail}</translation>
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
        <source>SMTP &amp;outgoing mail server …</source>
        <translation>SMTP-&amp;Postausgangsserver …</translation>
    </message>
    <message>
        <source>The server that sends the failure reports.</source>
        <translation>Der Server, über den die Fehlerberichte gesendet werden.</translation>
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
        <source>Empty the search; close a dialog (not the login)</source>
        <translation>Suche leeren; einen Dialog schließen (nicht die Anmeldung)</translation>
    </message>
    <message>
        <source>Stop or resume the automatic runs of the selected interface.</source>
        <translation>Hält die automatischen Läufe der ausgewählten Schnittstelle an oder lässt sie wieder laufen.</translation>
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
        <source>&amp;Ledger</source>
        <translation>&amp;Buchhaltung</translation>
    </message>
    <message>
        <source>The program is starting …</source>
        <translation>Das Programm wird gestartet …</translation>
    </message>
    <message>
        <source>Interfaces restricted to another branch do not run on this computer.</source>
        <translation>Schnittstellen, die auf eine andere Filiale beschränkt sind, laufen nicht auf diesem Rechner.</translation>
    </message>
    <message>
        <source>In&amp;voices</source>
        <translation>&amp;Rechnungen</translation>
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
        <source>The interfaces could not be read: {detail}</source>
        <translation>Die Schnittstellen konnten nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <source>The database can be reached again.</source>
        <translation>Die Datenbank ist wieder erreichbar.</translation>
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
        <source>&amp;Run now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <source>Run the selected interface now, in the background (F5).</source>
        <translation>Die ausgewählte Schnittstelle jetzt im Hintergrund ausführen (F5).</translation>
    </message>
    <message>
        <source>&amp;History …</source>
        <translation>&amp;Verlauf …</translation>
    </message>
    <message>
        <source>The past runs of the selected interface.</source>
        <translation>Die bisherigen Läufe der ausgewählten Schnittstelle.</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Logged in: {name} (deactivated)</source>
        <translation>Angemeldet: {name} (deaktiviert)</translation>
    </message>
    <message>
        <source>Administrators</source>
        <translation>Administratoren</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Logged in: {name} ({group})</source>
        <translation>Angemeldet: {name} ({group})</translation>
    </message>
    <message>
        <source>Another administrator deactivated this user: you may finish your work, but the next login will be refused.</source>
        <translation>Ein anderer Administrator hat diesen Benutzer deaktiviert: Sie können Ihre Arbeit abschließen, die nächste Anmeldung wird aber abgelehnt.</translation>
    </message>
    <message>
        <source>Branch: {name}</source>
        <translation>Filiale: {name}</translation>
    </message>
    <message>
        <source>No branch</source>
        <translation>Keine Filiale</translation>
    </message>
    <message>
        <source>Closing after the current save …</source>
        <translation>Das Fenster wird nach dem Speichern geschlossen …</translation>
    </message>
    <message>
        <source>&amp;Import file …</source>
        <translation>Datei &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts …</source>
        <translation>&amp;Tastenkürzel …</translation>
    </message>
    <message>
        <source>Se&amp;ttings …</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>The language of the program, among others.</source>
        <translation>Unter anderem die Sprache des Programms.</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>Back to the login; someone else may log in.</source>
        <translation>Zurück zur Anmeldung; jemand anderes kann sich anmelden.</translation>
    </message>
    <message>
        <source>On/off</source>
        <translation>Ein/Aus</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Search the interface list.</source>
        <translation>In der Schnittstellenliste suchen.</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the interfaces, their last runs and your rights again, as other computers left them (Ctrl+R).</source>
        <translation>Die Schnittstellen, ihre letzten Läufe und Ihre Rechte neu lesen, wie andere Rechner sie hinterlassen haben (Strg+R).</translation>
    </message>
    <message>
        <source>&amp;Manual …</source>
        <translation>&amp;Handbuch …</translation>
    </message>
    <message>
        <source>The fields, the import types and the checks.</source>
        <translation>Die Felder, die Importarten und die Prüfungen.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + unterstrichener Buchstabe</translation>
    </message>
    <message>
        <source>Go to that field or menu</source>
        <translation>Zu diesem Feld oder Menü springen</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Umschalt+Tab</translation>
    </message>
    <message>
        <source>Next, previous field</source>
        <translation>Nächstes, vorheriges Feld</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>Pfeiltasten</translation>
    </message>
    <message>
        <source>Choose another interface in the list</source>
        <translation>Eine andere Schnittstelle in der Liste wählen</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <source>Logged in as {name}.</source>
        <translation>Angemeldet als {name}.</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>Jetzt ausführen</translation>
    </message>
    <message>
        <source>It is outside 06:00 to 22:00, when maintenance work may run and no import runs on its own. Run “{name}” now anyway?</source>
        <translation>Es ist außerhalb der Zeit von 06:00 bis 22:00 Uhr: Dann können Wartungsarbeiten laufen, und kein Import startet von selbst. „{name}“ trotzdem jetzt ausführen?</translation>
    </message>
    <message>
        <source>Run anyway</source>
        <translation>Trotzdem ausführen</translation>
    </message>
    <message>
        <source>Saved; the language applies when the program starts next.</source>
        <translation>Gespeichert; die Sprache gilt ab dem nächsten Programmstart.</translation>
    </message>
    <message>
        <source>Payments to &amp;clarify</source>
        <translation>&amp;Klärungsfälle</translation>
    </message>
    <message>
        <source>Payments that no booking has placed yet.</source>
        <translation>Zahlungen, die noch keiner Rechnung zugeordnet sind.</translation>
    </message>
    <message>
        <source>No interface matches the search or the filter.
Change the search or the filter to show one here; “New” (Ctrl+N) starts a new interface.</source>
        <translation>Keine Schnittstelle passt zur Suche oder zum Filter.
Ändern Sie die Suche oder den Filter, um hier eine zu zeigen; „Neu“ (Strg+N) beginnt eine neue Schnittstelle.</translation>
    </message>
    <message>
        <source>An administrator deactivated your user: the next login will be refused.</source>
        <translation>Ein Administrator hat Ihren Benutzer deaktiviert: Die nächste Anmeldung wird abgelehnt.</translation>
    </message>
    <message>
        <source>An administrator gave you administrator rights.</source>
        <translation>Ein Administrator hat Ihnen Administratorrechte gegeben.</translation>
    </message>
    <message>
        <source>An administrator took your administrator rights.</source>
        <translation>Ein Administrator hat Ihnen die Administratorrechte entzogen.</translation>
    </message>
    <message>
        <source>An administrator changed your user.</source>
        <translation>Ein Administrator hat Ihren Benutzer geändert.</translation>
    </message>
</context>
<context>
    <name>NewPasswordRows</name>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Neues Passwort wiederholen</translation>
    </message>
    <message>
        <source>At least {count} characters, no spaces at the start or end, not the same as the user name.</source>
        <translation>Mindestens {count} Zeichen, keine Leerzeichen am Anfang oder Ende, nicht gleich dem Benutzernamen.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>Create the first administrator</source>
        <translation>Ersten Administrator anlegen</translation>
    </message>
    <message>
        <source>Welcome! There is no user yet. Create the first administrator: with this name and password you log in from now on, and you can create further users.</source>
        <translation>Willkommen! Es gibt noch keinen Benutzer. Legen Sie den ersten Administrator an: Mit diesem Namen und Passwort melden Sie sich künftig an und können weitere Benutzer anlegen.</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <source>Staff (Mitarbeiter)</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Administrators</source>
        <translation>Administratoren</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Gruppe:</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Administrator anlegen</translation>
    </message>
    <message>
        <source>Create user</source>
        <translation>Benutzer anlegen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Creating the user …</source>
        <translation>Der Benutzer wird angelegt …</translation>
    </message>
    <message>
        <source>Administrators manage users, branches, clients and the chain options; staff work with the interfaces.</source>
        <translation>Administratoren verwalten Benutzer, Filialen, Mandanten und die Filialkettenoptionen; Mitarbeiter arbeiten mit den Schnittstellen.</translation>
    </message>
</context>
<context>
    <name>NextRunTexts</name>
    <message>
        <source>Inactive: it does not run on schedule.</source>
        <translation>Inaktiv: Die Schnittstelle läuft nicht nach Zeitplan.</translation>
    </message>
    <message>
        <source>Does not run before its start date, {date}.</source>
        <translation>Läuft erst ab ihrem Startdatum, {date}.</translation>
    </message>
    <message>
        <source>Runs only on the computer “{name}”, not on this computer.</source>
        <translation>Läuft nur auf dem Rechner „{name}“, nicht auf diesem Rechner.</translation>
    </message>
    <message>
        <source>Runs only on computers of the branch “{branch}”, and this computer does not belong to it (Administration → Branch of this computer).</source>
        <translation>Läuft nur auf Rechnern der Filiale „{branch}“, und dieser Rechner gehört nicht dazu (Verwaltung → Filiale dieses Rechners).</translation>
    </message>
    <message>
        <source>Does not run here: the current password is held only by {names}.</source>
        <translation>Läuft hier nicht: Das aktuelle Passwort liegt nur auf {names}.</translation>
    </message>
    <message>
        <source>Does not run here: the password is not stored on this computer. Enter it here in the form.</source>
        <translation>Läuft hier nicht: Auf diesem Rechner ist kein Passwort gespeichert. Geben Sie es hier im Formular ein.</translation>
    </message>
    <message>
        <source>Does not run here: the password on this computer is outdated. Enter the current one here in the form.</source>
        <translation>Läuft hier nicht: Das Passwort auf diesem Rechner ist veraltet. Geben Sie hier im Formular das aktuelle ein.</translation>
    </message>
    <message>
        <source>Does not run here: this computer&apos;s keyring does not hold the password saved before this version. It runs on the first computer that finds it in its keyring.</source>
        <translation>Läuft hier nicht: Das vor dieser Programmversion gespeicherte Passwort liegt nicht im Schlüsselbund dieses Rechners. Die Schnittstelle läuft auf dem ersten Rechner, der es in seinem Schlüsselbund findet.</translation>
    </message>
    <message>
        <source>Does not run here: this computer&apos;s keyring does not hold the password saved before this version. Enter it here in the form.</source>
        <translation>Läuft hier nicht: Das vor dieser Programmversion gespeicherte Passwort liegt nicht im Schlüsselbund dieses Rechners. Geben Sie es hier im Formular ein.</translation>
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
        <source>Hide password</source>
        <translation>Passwort verbergen</translation>
    </message>
    <message>
        <source>Hide the password again.</source>
        <translation>Das Passwort wieder verbergen.</translation>
    </message>
    <message>
        <source>Show password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <source>Show the stored password, after you entered your own password.</source>
        <translation>Das gespeicherte Passwort anzeigen, nachdem Sie Ihr eigenes Passwort eingegeben haben.</translation>
    </message>
    <message>
        <source>Enter the password</source>
        <translation>Passwort eingeben</translation>
    </message>
    <message>
        <source>(stored)</source>
        <translation>(gespeichert)</translation>
    </message>
    <message numerus="yes">
        <source>The stored password is shown; it is hidden again after %n second(s).</source>
        <translation>
            <numerusform>Das gespeicherte Passwort wird angezeigt; nach %n Sekunde wird es wieder verborgen.</numerusform>
            <numerusform>Das gespeicherte Passwort wird angezeigt; nach %n Sekunden wird es wieder verborgen.</numerusform>
        </translation>
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
    <message>
        <source>No keyring on this computer: a password cannot be stored. With the field empty, saving works without one; a Test uses what is typed.</source>
        <translation>Kein Schlüsselbund auf diesem Rechner: Ein Passwort kann nicht gespeichert werden. Mit leerem Feld wird ohne Passwort gespeichert; ein Test verwendet das Eingetippte.</translation>
    </message>
    <message>
        <source>The new password is kept in memory until the program ends.</source>
        <translation>Das neue Passwort wird bis zum Programmende im Arbeitsspeicher gehalten.</translation>
    </message>
    <message>
        <source>The stored password is only for {where}; for the server, port, user and protocol entered now, please enter the password.</source>
        <translation>Das gespeicherte Passwort gilt nur für {where}; für den jetzt eingegebenen Server, Port, Benutzer und das Protokoll bitte das Passwort eingeben.</translation>
    </message>
    <message>
        <source>Kept in memory until the program ends (no keyring); leave empty to keep it.</source>
        <translation>Bis zum Programmende im Arbeitsspeicher (kein Schlüsselbund); leer lassen, um es zu behalten.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Saving …</source>
        <translation>Wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <source>Show stored password</source>
        <translation>Gespeichertes Passwort anzeigen</translation>
    </message>
    <message>
        <source>The stored password of “{target}” is shown only after you have entered your own password.</source>
        <translation>Das gespeicherte Passwort von „{target}“ wird erst angezeigt, wenn Sie Ihr eigenes Passwort eingegeben haben.</translation>
    </message>
    <message>
        <source>The stored password is shown only after you have entered your own.</source>
        <translation>Das gespeicherte Passwort wird erst angezeigt, wenn Sie Ihr eigenes eingegeben haben.</translation>
    </message>
    <message>
        <source>Your own password</source>
        <translation>Ihr eigenes Passwort</translation>
    </message>
    <message>
        <source>Logged in as:</source>
        <translation>Angemeldet als:</translation>
    </message>
    <message>
        <source>Your &amp;password:</source>
        <translation>Ihr &amp;Passwort:</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Please enter your own password.</source>
        <translation>Bitte Ihr eigenes Passwort eingeben.</translation>
    </message>
    <message>
        <source>Checking …</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message numerus="yes">
        <source>The password is wrong. %n attempt(s) left.</source>
        <translation>
            <numerusform>Das Passwort ist falsch. Noch %n Versuch.</numerusform>
            <numerusform>Das Passwort ist falsch. Noch %n Versuche.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only administrators may see stored passwords, and only while the chain option allows it.</source>
        <translation>Nur Administratoren dürfen gespeicherte Passwörter einsehen, und nur solange die Filialkettenoption es erlaubt.</translation>
    </message>
    <message>
        <source>No password is stored in the keyring.</source>
        <translation>Im Schlüsselbund ist kein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>The password could not be checked: {detail}</source>
        <translation>Das Passwort konnte nicht geprüft werden: {detail}</translation>
    </message>
    <message>
        <source>Too many wrong entries: showing passwords is locked for a while.</source>
        <translation>Zu viele falsche Eingaben: Das Einsehen von Passwörtern ist vorübergehend gesperrt.</translation>
    </message>
    <message>
        <source>Too many wrong entries: showing passwords is locked until {time}.</source>
        <translation>Zu viele falsche Eingaben: Das Einsehen von Passwörtern ist bis {time} Uhr gesperrt.</translation>
    </message>
    <message>
        <source>Every view and every wrong entry is written to the audit log. After {count} wrong entries in a row, here or at the login, showing passwords and logging in are locked for {minutes} minutes.</source>
        <translation>Jede Anzeige und jede falsche Eingabe wird protokolliert. Nach {count} falschen Eingaben nacheinander, hier oder bei der Anmeldung, sind das Einsehen von Passwörtern und die Anmeldung für {minutes} Minuten gesperrt.</translation>
    </message>
</context>
<context>
    <name>ReverseBookingDialog</name>
    <message>
        <source>Reverse booking {id}</source>
        <translation>Buchung {id} stornieren</translation>
    </message>
    <message>
        <source>A counter-booking of {amount} on invoice {number}: its open amount returns and the payment&apos;s case is open again. Nothing is deleted; the reversal is written to the audit log.</source>
        <translation>Eine Gegenbuchung über {amount} auf Rechnung {number}: ihr offener Betrag kehrt zurück, und der Klärungsfall der Zahlung ist wieder offen. Nichts wird gelöscht; die Stornierung wird im Protokoll festgehalten.</translation>
    </message>
    <message>
        <source>&amp;Reverse</source>
        <translation>&amp;Stornieren</translation>
    </message>
</context>
<context>
    <name>RunActions</name>
    <message>
        <source>The last runs could not be read: {detail}</source>
        <translation>Die letzten Läufe konnten nicht gelesen werden: {detail}</translation>
    </message>
</context>
<context>
    <name>RunProgressDialog</name>
    <message>
        <source>Run now – {name}</source>
        <translation>Jetzt ausführen – {name}</translation>
    </message>
    <message>
        <source>Starting …</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>History …</source>
        <translation>Verlauf …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the run at the next safe point; a file being booked is finished first.</source>
        <translation>Den Lauf an der nächsten sicheren Stelle beenden; eine Datei, die gerade gebucht wird, wird noch fertig gebucht.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Cancelling: the run stops at the next safe point …</source>
        <translation>Wird abgebrochen: Der Lauf endet an der nächsten sicheren Stelle …</translation>
    </message>
    <message>
        <source>File {index} of {count}</source>
        <translation>Datei {index} von {count}</translation>
    </message>
    <message>
        <source>The run could not be carried out: {detail}</source>
        <translation>Der Lauf konnte nicht ausgeführt werden: {detail}</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>The run failed.</source>
        <translation>Der Lauf ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Not run.</source>
        <translation>Nicht ausgeführt.</translation>
    </message>
    <message>
        <source>Files: {files} · bookings: {booked} · amount: {amount}</source>
        <translation>Dateien: {files} · Buchungen: {booked} · Betrag: {amount}</translation>
    </message>
    <message>
        <source>No new files on the server.</source>
        <translation>Keine neuen Dateien auf dem Server.</translation>
    </message>
    <message>
        <source>Files with errors: {count}</source>
        <translation>Dateien mit Fehlern: {count}</translation>
    </message>
    <message>
        <source>The error report was sent by e-mail.</source>
        <translation>Der Fehlerbericht wurde per E-Mail verschickt.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped, left on the server:</source>
        <translation>
            <numerusform>%n Datei übersprungen; sie bleibt auf dem Server:</numerusform>
            <numerusform>%n Dateien übersprungen; sie bleiben auf dem Server:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more: see the history</source>
        <translation>
            <numerusform>… und %n weitere: siehe Verlauf</numerusform>
            <numerusform>… und %n weitere: siehe Verlauf</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Payments to &amp;clarify (%n) …</source>
        <translation>
            <numerusform>&amp;Klärungsfälle (%n) …</numerusform>
            <numerusform>&amp;Klärungsfälle (%n) …</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunTexts</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Caught up</source>
        <translation>Nachgeholt</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Kommandozeile</translation>
    </message>
    <message>
        <source>{trigger} (dry run)</source>
        <translation>{trigger} (Probelauf)</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Booked before</source>
        <translation>Bereits gebucht</translation>
    </message>
    <message>
        <source>Nothing to book</source>
        <translation>Nichts zu buchen</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Connecting to {host}</source>
        <translation>Verbinde mit {host}</translation>
    </message>
    <message>
        <source>Reading the directory …</source>
        <translation>Verzeichnis wird gelesen …</translation>
    </message>
    <message>
        <source>File {index} of {count}: {name}</source>
        <translation>Datei {index} von {count}: {name}</translation>
    </message>
    <message>
        <source>Booking {name} …</source>
        <translation>{name} wird gebucht …</translation>
    </message>
    <message>
        <source>Deleting {name} on the server</source>
        <translation>{name} wird auf dem Server gelöscht</translation>
    </message>
    <message>
        <source>Line {line}: {error}</source>
        <translation>Zeile {line}: {error}</translation>
    </message>
    <message>
        <source>The run of “{name}” was aborted: {detail}</source>
        <translation>Die Ausführung von „{name}“ ist abgebrochen: {detail}</translation>
    </message>
    <message>
        <source>The scheduler has stopped: {detail}</source>
        <translation>Der Zeitplan ist ausgefallen: {detail}</translation>
    </message>
    <message>
        <source>The schedule could not be checked: {detail}</source>
        <translation>Der Zeitplan konnte nicht geprüft werden: {detail}</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} min {seconds} s</translation>
    </message>
</context>
<context>
    <name>RunTray</name>
    <message>
        <source>Accounting import</source>
        <translation>Buchhaltungsimport</translation>
    </message>
    <message>
        <source>Running: {names}</source>
        <translation>Läuft: {names}</translation>
    </message>
    <message>
        <source>Failed: {names}</source>
        <translation>Fehlgeschlagen: {names}</translation>
    </message>
    <message>
        <source>{name}: no successful run since {time}</source>
        <translation>{name}: seit {time} kein erfolgreicher Lauf</translation>
    </message>
    <message>
        <source>All imports are fine.</source>
        <translation>Alle Importe sind in Ordnung.</translation>
    </message>
    <message>
        <source>Next run: {time} ({name})</source>
        <translation>Nächster Lauf: {time} ({name})</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>“{name}” failed. The history shows the details.</source>
        <translation>„{name}“ ist fehlgeschlagen. Die Einzelheiten stehen im Verlauf.</translation>
    </message>
    <message>
        <source>Imports overdue</source>
        <translation>Importe überfällig</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>Fenster anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language applies when the program starts next.</source>
        <translation>Eine andere Sprache gilt ab dem nächsten Programmstart.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>SkippedRowsModel</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>SmtpDialog</name>
    <message>
        <source>SMTP outgoing mail server</source>
        <translation>SMTP-Postausgangsserver</translation>
    </message>
    <message>
        <source>Failure reports of every interface are sent through this server. The password is stored in the operating system&apos;s keyring only.</source>
        <translation>Über diesen Server gehen die Fehlerberichte aller Schnittstellen. Das Passwort wird nur im Schlüsselbund des Betriebssystems gespeichert.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>smtp.example.com</source>
        <translation>smtp.filialkette.de</translation>
    </message>
    <message>
        <source>STARTTLS (recommended)</source>
        <translation>STARTTLS (empfohlen)</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>Keine (unverschlüsselt)</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Empty: the usual port of the chosen security.</source>
        <translation>Leer: der übliche Port der gewählten Sicherheit.</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>empty: no login</source>
        <translation>leer: ohne Anmeldung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>accounts@example.com</source>
        <translation>buchhaltung@filialkette.de</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Sends a test e-mail with the values above, saved or not.</source>
        <translation>Sendet eine Test-E-Mail mit den Werten oben, gespeichert oder nicht.</translation>
    </message>
    <message>
        <source>Test message to</source>
        <translation>Testnachricht an</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Please enter only the host name, e.g. smtp.example.com (no spaces, no “smtp://”).</source>
        <translation>Bitte nur den Hostnamen angeben, z. B. smtp.filialkette.de (ohne Leerzeichen, ohne „smtp://“).</translation>
    </message>
    <message>
        <source>“{address}” is not a valid e-mail address (e.g. accounts@example.com).</source>
        <translation>„{address}“ ist keine gültige E-Mail-Adresse (z. B. buchhaltung@filialkette.de).</translation>
    </message>
    <message>
        <source>Loading …</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Please enter the SMTP server (host name).</source>
        <translation>Bitte den SMTP-Server (Hostname) angeben.</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535 (empty: the usual port, {port}).</source>
        <translation>Der Port muss zwischen 1 und 65535 liegen (leer: der übliche Port, {port}).</translation>
    </message>
    <message>
        <source>Please enter the sender address of the reports.</source>
        <translation>Bitte die Absenderadresse der Berichte angeben.</translation>
    </message>
    <message>
        <source>A password is only used together with a user. Please enter the user or leave the password empty.</source>
        <translation>Ein Passwort gilt nur zusammen mit einem Benutzer. Bitte den Benutzer angeben oder das Passwort leer lassen.</translation>
    </message>
    <message>
        <source>The settings could not be read: {detail}</source>
        <translation>Die Einstellungen konnten nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
    </message>
    <message>
        <source>Not saved: {detail}</source>
        <translation>Nicht gespeichert: {detail}</translation>
    </message>
    <message>
        <source>Saving …</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Please enter the address the test message goes to.</source>
        <translation>Bitte die Adresse angeben, an die die Testnachricht geht.</translation>
    </message>
    <message>
        <source>“{address}” is not a valid e-mail address.</source>
        <translation>„{address}“ ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The stored password could not be read: {detail}</source>
        <translation>Das gespeicherte Passwort konnte nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <source>Sending a test message to {address} …</source>
        <translation>Testnachricht an {address} wird gesendet …</translation>
    </message>
    <message>
        <source>Please correct the marked entries.</source>
        <translation>Bitte die markierten Eingaben korrigieren.</translation>
    </message>
</context>
<context>
    <name>SuggestionTableModel</name>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Begründung</translation>
    </message>
</context>
<context>
    <name>TestStepsView</name>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not run</source>
        <translation>Nicht ausgeführt</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>AB:01:… or SHA256:q83v…</source>
        <translation>AB:01:… oder SHA256:q83v…</translation>
    </message>
    <message>
        <source>Fingerprint from the operator</source>
        <translation>Fingerabdruck vom Betreiber</translation>
    </message>
    <message>
        <source>Paste the fingerprint the server&apos;s operator gave you, to compare:</source>
        <translation>Fügen Sie den Fingerabdruck ein, den Ihnen der Betreiber des Servers genannt hat, um zu vergleichen:</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Warning: the server&apos;s identity changed</source>
        <translation>Warnung: Der Server weist sich anders aus</translation>
    </message>
    <message>
        <source>Trust this SSH key</source>
        <translation>Diesem SSH-Schlüssel vertrauen</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>The SSH key of “{host}” has changed since you trusted it. This can be an attack. Trust the new one only after the server&apos;s operator has confirmed its fingerprint to you.</source>
        <translation>Der SSH-Schlüssel von „{host}“ hat sich geändert, seit Sie ihm vertraut haben. Das kann ein Angriff sein. Vertrauen Sie dem neuen erst, wenn der Betreiber des Servers Ihnen seinen Fingerabdruck bestätigt hat.</translation>
    </message>
    <message>
        <source>The certificate of “{host}” has changed since you trusted it. This can be an attack. Trust the new one only after the server&apos;s operator has confirmed its fingerprint to you.</source>
        <translation>Das Zertifikat von „{host}“ hat sich geändert, seit Sie ihm vertraut haben. Das kann ein Angriff sein. Vertrauen Sie dem neuen erst, wenn der Betreiber des Servers Ihnen seinen Fingerabdruck bestätigt hat.</translation>
    </message>
    <message>
        <source>Trust the SSH key of “{host}” for this interface? Compare its fingerprint with the one the server&apos;s operator gives you; trust it only if both are the same.</source>
        <translation>Dem SSH-Schlüssel von „{host}“ für diese Schnittstelle vertrauen? Vergleichen Sie seinen Fingerabdruck mit dem, den Ihnen der Betreiber des Servers nennt; vertrauen Sie ihm nur, wenn beide übereinstimmen.</translation>
    </message>
    <message>
        <source>Trust the certificate of “{host}” for this interface? Compare its fingerprint with the one the server&apos;s operator gives you; trust it only if both are the same.</source>
        <translation>Dem Zertifikat von „{host}“ für diese Schnittstelle vertrauen? Vergleichen Sie seinen Fingerabdruck mit dem, den Ihnen der Betreiber des Servers nennt; vertrauen Sie ihm nur, wenn beide übereinstimmen.</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):
{hex}
As OpenSSH writes it:
{openssh}</source>
        <translation>Fingerabdruck (SHA-256):
{hex}
So schreibt ihn OpenSSH:
{openssh}</translation>
    </message>
    <message>
        <source>Trusted until now (SHA-256):
{previous}</source>
        <translation>Bisher vertraut (SHA-256):
{previous}</translation>
    </message>
    <message>
        <source>Matches the fingerprint the server shows.</source>
        <translation>Stimmt mit dem Fingerabdruck des Servers überein.</translation>
    </message>
    <message>
        <source>Does NOT match the fingerprint the server shows. Do not trust it.</source>
        <translation>Stimmt NICHT mit dem Fingerabdruck des Servers überein. Nicht vertrauen.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>New user …</source>
        <translation>Neuer Benutzer …</translation>
    </message>
    <message>
        <source>Reset password …</source>
        <translation>Passwort zurücksetzen …</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Administrators</source>
        <translation>Administratoren</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>Your own group is changed by another administrator.</source>
        <translation>Ihre eigene Gruppe ändert ein anderer Administrator.</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>You cannot disable yourself; another administrator can.</source>
        <translation>Sie können sich nicht selbst deaktivieren; das kann ein anderer Administrator.</translation>
    </message>
    <message>
        <source>The user can no longer log in; the account and its history stay.</source>
        <translation>Der Benutzer kann sich nicht mehr anmelden; das Konto und seine Einträge im Änderungsprotokoll bleiben erhalten.</translation>
    </message>
    <message>
        <source>The user can log in again.</source>
        <translation>Der Benutzer kann sich wieder anmelden.</translation>
    </message>
    <message>
        <source>User “{name}” created.</source>
        <translation>Benutzer „{name}“ angelegt.</translation>
    </message>
    <message>
        <source>New password for “{name}” set.</source>
        <translation>Neues Passwort für „{name}“ festgelegt.</translation>
    </message>
    <message>
        <source>“{name}” can log in again.</source>
        <translation>„{name}“ kann sich wieder anmelden.</translation>
    </message>
    <message>
        <source>“{name}” is disabled and can no longer log in.</source>
        <translation>„{name}“ ist deaktiviert und kann sich nicht mehr anmelden.</translation>
    </message>
    <message>
        <source>Make administrator</source>
        <translation>Zum Administrator machen</translation>
    </message>
    <message>
        <source>Make staff</source>
        <translation>Zu den Mitarbeitern</translation>
    </message>
    <message>
        <source>Administrators manage users, branches, options and the SMTP server.</source>
        <translation>Administratoren verwalten Benutzer, Filialen, Optionen und den SMTP-Server.</translation>
    </message>
    <message>
        <source>Staff set up and run interfaces; the last administrator stays one.</source>
        <translation>Mitarbeiter richten Schnittstellen ein und führen sie aus; der letzte Administrator bleibt einer.</translation>
    </message>
    <message>
        <source>“{name}” is now an administrator.</source>
        <translation>„{name}“ ist jetzt Administrator.</translation>
    </message>
    <message>
        <source>“{name}” now belongs to the staff.</source>
        <translation>„{name}“ gehört jetzt zu den Mitarbeitern.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Lifts the lock after too many wrong passwords; the user may log in again.</source>
        <translation>Hebt die Sperre nach zu vielen falschen Passwörtern auf; der Benutzer kann sich wieder anmelden.</translation>
    </message>
    <message>
        <source>{state}, locked until {time}</source>
        <translation>{state}, gesperrt bis {time} Uhr</translation>
    </message>
    <message>
        <source>“{name}” is unlocked and may log in again.</source>
        <translation>„{name}“ ist entsperrt und kann sich wieder anmelden.</translation>
    </message>
</context>
<context>
    <name>WorkstationBranchDialog</name>
    <message>
        <source>Branch of this computer</source>
        <translation>Filiale dieses Rechners</translation>
    </message>
    <message>
        <source>Interfaces restricted to a branch run only on the computers of that branch. Interfaces for every branch run here in any case.</source>
        <translation>Schnittstellen, die auf eine Filiale beschränkt sind, laufen nur auf den Rechnern dieser Filiale. Schnittstellen für alle Filialen laufen hier in jedem Fall.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Computer:</source>
        <translation>Rechner:</translation>
    </message>
    <message>
        <source>&amp;Branch:</source>
        <translation>&amp;Filiale:</translation>
    </message>
    <message>
        <source>{name} (no longer in the list)</source>
        <translation>{name} (nicht mehr in der Liste)</translation>
    </message>
    <message>
        <source>This computer is set to the branch “{name}”, which no longer exists. Choose its branch again.</source>
        <translation>Dieser Rechner ist der Filiale „{name}“ zugeordnet, die es nicht mehr gibt. Bitte wählen Sie seine Filiale neu.</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>Aufruf: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>diese Hilfe zeigen und beenden</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: Fehler: %(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>Argument %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>diese Argumente fehlen: %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>eines dieser Argumente ist nötig: %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>unbekannte Argumente: %s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>nicht zusammen mit dem Argument %s erlaubt</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>ausdrücklich angegebenes Argument %r nicht erlaubt</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>ein Wert erwartet</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>höchstens ein Wert erwartet</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>mindestens ein Wert erwartet</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>mehrdeutige Option: %(option)s kann %(matches)s sein</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>unerwartete Option: %s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>ungültiger Wert (%(type)s): %(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>ungültige Auswahl: %(value)r (möglich: %(choices)s)</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>unbekannter Befehl %(parser_name)r (möglich: %(choices)s)</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>&apos;%(filename)s&apos; kann nicht geöffnet werden: %(error)s</translation>
    </message>
</context>
</TS>
