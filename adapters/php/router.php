<?php
// The suite's page contract on PHP's native sessions (session_start(), files handler), run by
// the built-in server as `php -S 127.0.0.1:0 router.php`. Every setting that differs from
// Debian's php.ini is passed with -d by ./index.ts and explained in NOTES.md.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);

switch ($path) {
    case '/':
        session_start();
        echo 'Your session id is: ' . session_id();
        break;

    case '/expire':
        // The PHP manual's session_destroy() example: empty the data, delete the cookie, destroy.
        session_start();
        $_SESSION = [];
        if (ini_get('session.use_cookies')) {
            $params = session_get_cookie_params();
            setcookie(session_name(), '', time() - 42000, $params['path'], $params['domain'], $params['secure'], $params['httponly']);
        }
        session_destroy();
        echo 'Your session has been expired.';
        break;

    case '/counter':
        session_start();
        $_SESSION['count'] = ($_SESSION['count'] ?? 0) + 1;
        echo 'Visit #' . $_SESSION['count'] . ' for you!';
        break;

    case '/slow':
        // SEC-5's long request: load the session, wait, write to it; PHP saves it at the end.
        $ms = (int) min(max((float) ($_GET['ms'] ?? 0), 0), 10000);
        session_start();
        usleep($ms * 1000);
        $_SESSION['slow_visits'] = ($_SESSION['slow_visits'] ?? 0) + 1;
        echo "Your session was held for $ms ms.";
        break;

    default:
        http_response_code(404);
        echo 'Not found.';
}
