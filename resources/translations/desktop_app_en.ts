<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
    <context>
        <name>AuditView</name>
        <message numerus="yes">
            <source>%n booking(s), {amount}</source>
            <translation>
                <numerusform>%n booking, {amount}</numerusform>
                <numerusform>%n bookings, {amount}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n entries</source>
            <translation>
                <numerusform>%n entry</numerusform>
                <numerusform>%n entries</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseCountLabel</name>
        <message numerus="yes">
            <source>%n payment(s) to clarify</source>
            <translation>
                <numerusform>%n payment to clarify</numerusform>
                <numerusform>%n payments to clarify</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseFilterBar</name>
        <message numerus="yes">
            <source>older than %n day(s)</source>
            <translation>
                <numerusform>older than %n day</numerusform>
                <numerusform>older than %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseListPanel</name>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n case</numerusform>
                <numerusform>%n cases</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n overdue (older than {days} days)</source>
            <translation>
                <numerusform>%n overdue (older than {days} days)</numerusform>
                <numerusform>%n overdue (older than {days} days)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseTableModel</name>
        <message numerus="yes">
            <source>Open for more than %n day(s)</source>
            <translation>
                <numerusform>Open for more than %n day</numerusform>
                <numerusform>Open for more than %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseTexts</name>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChainOptionsDialog</name>
        <message numerus="yes">
            <source>additional month(s)</source>
            <translation>
                <numerusform>additional month</numerusform>
                <numerusform>additional months</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CliCases</name>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CliImport</name>
        <message numerus="yes">
            <source>{file}: %n row(s), {matched} matched, {booked} would be booked ({amount})</source>
            <translation>
                <numerusform>{file}: %n row, {matched} matched, {booked} would be booked ({amount})</numerusform>
                <numerusform>{file}: %n rows, {matched} matched, {booked} would be booked ({amount})</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{file}: %n row(s), {matched} matched, {booked} booked ({amount})</source>
            <translation>
                <numerusform>{file}: %n row, {matched} matched, {booked} booked ({amount})</numerusform>
                <numerusform>{file}: %n rows, {matched} matched, {booked} booked ({amount})</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CliInvoices</name>
        <message numerus="yes">
            <source>%n invoice(s) with bookings: their amounts are kept</source>
            <translation>
                <numerusform>%n invoice with bookings: its amounts are kept</numerusform>
                <numerusform>%n invoices with bookings: their amounts are kept</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CliRuns</name>
        <message numerus="yes">
            <source>{file}: {outcome}, %n booking(s) for {amount}, {server}</source>
            <translation>
                <numerusform>{file}: {outcome}, %n booking for {amount}, {server}</numerusform>
                <numerusform>{file}: {outcome}, %n bookings for {amount}, {server}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n file</numerusform>
                <numerusform>%n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n booking(s)</source>
            <translation>
                <numerusform>%n booking</numerusform>
                <numerusform>%n bookings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n payment(s) to clarify</source>
            <translation>
                <numerusform>%n payment to clarify</numerusform>
                <numerusform>%n payments to clarify</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ConnectionBanner</name>
        <message numerus="yes">
            <source>Trying again in %n second(s).</source>
            <translation>
                <numerusform>Trying again in %n second.</numerusform>
                <numerusform>Trying again in %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message numerus="yes">
            <source>%n payment(s) to clarify belong to this run.</source>
            <translation>
                <numerusform>%n payment to clarify belongs to this run.</numerusform>
                <numerusform>%n payments to clarify belong to this run.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportPreviewResults</name>
        <message numerus="yes">
            <source>Checks passed by on your request: %n booking(s) totalling {amount}, dated {date}. “Book” books this file once and writes it to the audit log.</source>
            <translation>
                <numerusform>Checks passed by on your request: %n booking totalling {amount}, dated {date}. “Book” books this file once and writes it to the audit log.</numerusform>
                <numerusform>Checks passed by on your request: %n bookings totalling {amount}, dated {date}. “Book” books this file once and writes it to the audit log.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Ready to book: %n booking(s) totalling {amount}, dated {date}, flagged “do not export”.</source>
            <translation>
                <numerusform>Ready to book: %n booking totalling {amount}, dated {date}, flagged “do not export”.</numerusform>
                <numerusform>Ready to book: %n bookings totalling {amount}, dated {date}, flagged “do not export”.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Booked: %n booking(s) totalling {amount}, dated {date}.</source>
            <translation>
                <numerusform>Booked: %n booking totalling {amount}, dated {date}.</numerusform>
                <numerusform>Booked: %n bookings totalling {amount}, dated {date}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InterfaceForm</name>
        <message numerus="yes">
            <source>Not saved: %n entry needs to be corrected.</source>
            <translation>
                <numerusform>Not saved: %n entry needs to be corrected.</numerusform>
                <numerusform>Not saved: %n entries need to be corrected.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InvoicesView</name>
        <message numerus="yes">
            <source>Open amount: {amount} (%Ln open invoice(s))</source>
            <translation>
                <numerusform>Open amount: {amount} (%Ln open invoice)</numerusform>
                <numerusform>Open amount: {amount} (%Ln open invoices)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Open amount: {amount} (of %Ln invoice(s))</source>
            <translation>
                <numerusform>Open amount: {amount} (of %Ln invoice)</numerusform>
                <numerusform>Open amount: {amount} (of %Ln invoices)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PasswordField</name>
        <message numerus="yes">
            <source>The stored password is shown; it is hidden again after %n second(s).</source>
            <translation>
                <numerusform>The stored password is shown; it is hidden again after %n second.</numerusform>
                <numerusform>The stored password is shown; it is hidden again after %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RevealDialog</name>
        <message numerus="yes">
            <source>The password is wrong. %n attempt(s) left.</source>
            <translation>
                <numerusform>The password is wrong. %n attempt left.</numerusform>
                <numerusform>The password is wrong. %n attempts left.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RunProgressDialog</name>
        <message numerus="yes">
            <source>Payments to &amp;clarify (%n) …</source>
            <translation>
                <numerusform>Payments to &amp;clarify (%n) …</numerusform>
                <numerusform>Payments to &amp;clarify (%n) …</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) skipped, left on the server:</source>
            <translation>
                <numerusform>%n file skipped, left on the server:</numerusform>
                <numerusform>%n files skipped, left on the server:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more: see the history</source>
            <translation>
                <numerusform>… and %n more: see the history</numerusform>
                <numerusform>… and %n more: see the history</numerusform>
            </translation>
        </message>
    </context>
</TS>