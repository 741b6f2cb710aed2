export { UsersScreen } from '../features/users/UsersScreen';
