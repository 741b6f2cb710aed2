export { LanguagesScreen } from '../features/languages/LanguagesScreen';
