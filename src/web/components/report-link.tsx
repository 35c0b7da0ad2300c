import { reportSectionUrl } from '../state/panel-month.js';

/** The link under a panel to the matching section of the monthly report (downloaded as HTML). */
export function ReportLink({
  lang,
  month,
  section,
  label,
}: {
  lang: string;
  month: string | null;
  section: string;
  label: string;
}) {
  return (
    <p>
      <a
        class="section-link"
        href={reportSectionUrl(lang, month, section)}
        download
        data-report-section={section}
      >
        {label}
      </a>
    </p>
  );
}
