import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Before the app's components, so that their stylesheets come after the shared layouts.
import './layout.css';
import { App } from './app/App';
import { LoginWindow, parseLoginRoute } from './app/LoginWindow';
import './styles.css';

// The Electron sign-in window loads this same page with a #/login/… route.
const login = parseLoginRoute(window.location.hash);

createRoot(document.getElementById('root')!).render(<StrictMode>{login ? <LoginWindow loginId={login.loginId} /> : <App />}</StrictMode>);
