export { DirectoryScreen } from '../features/directory/DirectoryScreen';
