import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';

/** Two plain buttons: the language not in use is offered in its own words. */
export function LanguageSwitch({ onChange }: { onChange: (l: Language) => void }) {
  const { i18n } = useTranslation();
  const current = i18n.language === 'en' ? 'en' : 'id';
  const other: Language = current === 'en' ? 'id' : 'en';
  return (
    <button
      type="button"
      className="button button--link lang-switch"
      lang={other}
      onClick={() => onChange(other)}
    >
      {other === 'en' ? 'English' : 'Bahasa Indonesia'}
    </button>
  );
}
